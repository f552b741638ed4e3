// Shown in the header while the server has refused commands the user has not dismissed yet.
import { settingsHref } from '../router';
import { refusedCount, useOutbox } from '../state/outbox';

export function OutboxBadge() {
  const refused = useOutbox((s) => refusedCount(s.entries));
  if (refused === 0) return null;
  const text = refused === 1 ? '1 refused command' : `${refused} refused commands`;
  return (
    <a href={settingsHref()} className="header-badge" data-testid="outbox-refused-badge" title="The sync server refused these; see Settings">
      {text}
    </a>
  );
}
