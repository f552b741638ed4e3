import { useAlerts } from '../state/alerts';

export function Alerts() {
  const alerts = useAlerts((s) => s.alerts);
  const dismiss = useAlerts((s) => s.dismiss);
  return (
    <div className="alerts" data-testid="alerts" aria-live="assertive">
      {alerts.map((a) => (
        <div key={a.id} className="alert" role="alert" data-testid="alert">
          <span className="alert-message">{a.message}</span>
          <button type="button" className="link" data-testid="alert-dismiss" aria-label="Dismiss" onClick={() => dismiss(a.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
