export function ObserverBanner({ roomName }: { roomName: string }) {
  return (
    <div className="banner banner-info" role="note" data-testid="observer-banner">
      You are an observer in "{roomName}": you can read everything but change nothing. Ask an admin for member access.
    </div>
  );
}
