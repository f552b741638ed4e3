export function ObserverBanner({ roomName }: { roomName: string }) {
  return (
    <div className="banner banner-info" role="note" data-testid="observer-banner">
      You are an observer in "{roomName}": you can read everything but change nothing. Ask an admin for member access.
    </div>
  );
}

export function ArchivedBanner({ roomName }: { roomName: string }) {
  return (
    <div className="banner banner-info" role="note" data-testid="archived-banner">
      "{roomName}" is archived: it is read-only until an owner or admin unarchives it on the boardroom list.
    </div>
  );
}
