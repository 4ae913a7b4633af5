/**
 * Notification settings of a server and its channels (level and mute), and the one place that
 * asks the browser for permission to show desktop notifications. Stored in this browser for now.
 */
import type { Channel, Server } from '@twopointo/shared';
import { useState } from 'react';
import {
  desktopPermission,
  requestDesktopPermission,
  type DesktopPermission,
} from '../../chat/desktop-notifications.ts';
import {
  DEFAULT_SERVER_LEVEL,
  notificationSettings,
  useNotificationSettings,
  type NotifyLevel,
} from '../../chat/notification-settings.ts';
import { Modal } from '../Modal.tsx';

const LEVELS: { value: NotifyLevel; label: string }[] = [
  { value: 'all', label: 'All messages' },
  { value: 'mentions', label: 'Only @mentions' },
  { value: 'nothing', label: 'Nothing' },
];
const labelOf = (l: NotifyLevel) => LEVELS.find((x) => x.value === l)!.label;

export function NotificationSettingsDialog({
  server,
  channels,
  onClose,
}: {
  server: Server;
  channels: Channel[];
  onClose: () => void;
}) {
  const settings = useNotificationSettings();
  const [permission, setPermission] = useState<DesktopPermission>(desktopPermission);
  const serverLevel = settings.servers[server.id]?.level ?? DEFAULT_SERVER_LEVEL;
  const serverMuted = !!settings.servers[server.id]?.muted;

  return (
    <Modal title="Notification settings" onClose={onClose} testid="notification-settings">
      <div className="form notify-form">
        <section>
          <h3>Desktop notifications</h3>
          {permission === 'granted' && (
            <p className="muted small" data-testid="desktop-permission">
              On: you are notified while this tab is hidden.
            </p>
          )}
          {permission === 'default' && (
            <button
              className="btn btn-small"
              onClick={() => void requestDesktopPermission().then(setPermission)}
              data-testid="desktop-enable"
            >
              Enable desktop notifications
            </button>
          )}
          {permission === 'denied' && (
            <p className="muted small" data-testid="desktop-permission">
              Blocked by the browser: allow notifications for this site in its settings.
            </p>
          )}
          {permission === 'unsupported' && (
            <p className="muted small" data-testid="desktop-permission">
              This browser cannot show notifications.
            </p>
          )}
        </section>
        <section>
          <h3>{server.name}</h3>
          <div className="radio-row" role="radiogroup" aria-label="Server notifications">
            {LEVELS.map((l) => (
              <label key={l.value} className="radio">
                <input
                  type="radio"
                  name="server-level"
                  checked={serverLevel === l.value}
                  onChange={() => notificationSettings.setServer(server.id, { level: l.value })}
                  data-testid={`server-level-${l.value}`}
                />
                {l.label}
              </label>
            ))}
          </div>
          <label className="radio">
            <input
              type="checkbox"
              checked={serverMuted}
              onChange={(e) => notificationSettings.setServer(server.id, { muted: e.target.checked })}
              data-testid="server-mute"
            />
            Mute {server.name}
          </label>
        </section>
        {channels.length > 0 && (
          <section>
            <h3>Channels</h3>
            <div className="notify-channels">
              {channels.map((c) => {
                const own = settings.channels[c.id];
                return (
                  <div
                    key={c.id}
                    className="notify-channel"
                    data-testid="notify-channel"
                    data-channel-name={c.name}
                  >
                    <span className="channel-name">
                      <span className="hash">#</span>
                      {c.name}
                    </span>
                    <select
                      aria-label={`Notifications for #${c.name}`}
                      value={own?.level ?? ''}
                      onChange={(e) =>
                        notificationSettings.setChannel(c.id, {
                          level: e.target.value ? (e.target.value as NotifyLevel) : undefined,
                        })
                      }
                      data-testid="channel-level"
                    >
                      <option value="">Server default ({labelOf(serverLevel)})</option>
                      {LEVELS.map((l) => (
                        <option key={l.value} value={l.value}>
                          {l.label}
                        </option>
                      ))}
                    </select>
                    <label className="radio">
                      <input
                        type="checkbox"
                        checked={!!own?.muted}
                        onChange={(e) => notificationSettings.setChannel(c.id, { muted: e.target.checked })}
                        data-testid="channel-mute"
                      />
                      Mute
                    </label>
                  </div>
                );
              })}
            </div>
          </section>
        )}
        <p className="muted small">
          Muted channels are greyed out and do not mark their server unread; mentions still show a badge.
          These settings are kept in this browser.
        </p>
      </div>
    </Modal>
  );
}
