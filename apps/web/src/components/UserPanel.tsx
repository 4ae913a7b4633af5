/** The signed-in user, the connection's state, and signing out: under a server's channels and under Home. */
import type { GatewayStatus } from '../gateway/gateway-client.ts';
import { Avatar } from './Avatar.tsx';
import { Icon } from './Icon.tsx';

export function UserPanel({
  me,
  status,
  onLogout,
  onOpenSettings,
}: {
  me: { id: string; username: string; display_name?: string | null; avatar?: string | null };
  status: GatewayStatus;
  onLogout: () => void;
  onOpenSettings?: () => void;
}) {
  const name = me.display_name || me.username;
  return (
    <div className="user-panel" data-testid="user-panel">
      <Avatar
        id={me.id}
        name={name}
        avatar={me.avatar}
        size={32}
        status={status === 'ready' ? 'online' : 'offline'}
      />
      <div className="user-meta">
        <strong data-testid="current-user">{name}</strong>
        <span className="muted small" data-testid="connection-status">
          {status === 'ready' ? 'Online' : status === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}
        </span>
      </div>
      {onOpenSettings && (
        <button
          className="icon-btn"
          title="User settings"
          aria-label="User settings"
          onClick={onOpenSettings}
          data-testid="open-settings"
        >
          <Icon name="gear" />
        </button>
      )}
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
