/** The signed-in user, the connection's state, and signing out: under a server's channels and under Home. */
import type { GatewayStatus } from '../gateway/gateway-client.ts';
import { Avatar } from './Avatar.tsx';
import { Icon } from './Icon.tsx';

export function UserPanel({
  me,
  status,
  onLogout,
}: {
  me: { id: string; username: string };
  status: GatewayStatus;
  onLogout: () => void;
}) {
  return (
    <div className="user-panel" data-testid="user-panel">
      <Avatar id={me.id} name={me.username} size={32} status={status === 'ready' ? 'online' : 'offline'} />
      <div className="user-meta">
        <strong data-testid="current-user">{me.username}</strong>
        <span className="muted small" data-testid="connection-status">
          {status === 'ready' ? 'Online' : status === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}
        </span>
      </div>
      <button
        className="icon-btn"
        title="Sign out"
        aria-label="Sign out"
        onClick={onLogout}
        data-testid="logout"
      >
        <Icon name="logout" />
      </button>
    </div>
  );
}
