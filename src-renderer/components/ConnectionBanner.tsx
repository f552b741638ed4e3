import { useConnection } from '../api/connection';

export function ConnectionBanner() {
  const state = useConnection((s) => s.state);
  if (state !== 'lost') return null;
  return (
    <div className="banner banner-warning" role="status" data-testid="connection-banner">
      Connection to the Boardroom host lost — retrying
    </div>
  );
}
