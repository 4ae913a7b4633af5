/** Members of the server, online first; presence follows PRESENCE_UPDATE. */
import type { Member } from '@twopointo/shared';
import { Avatar } from './Avatar.tsx';
import { shownName } from '../settings/account-api.ts';
import { ProfileTrigger } from '../settings/profile-card-context.tsx';
import { Icon } from './Icon.tsx';

export function MemberList({
  members,
  error,
  ownerId,
  myId,
  onMessage,
}: {
  members: Member[] | undefined;
  error: string | null;
  ownerId: string | undefined;
  myId?: string;
  /** opens the DM with this member (a "Message" button on each other member) */
  onMessage?: (userId: string) => void;
}) {
  const sorted = [...(members ?? [])].sort((a, b) => a.user.username.localeCompare(b.user.username));
  const online = sorted.filter((m) => m.status === 'online');
  const offline = sorted.filter((m) => m.status !== 'online');
  const group = (title: string, list: Member[]) =>
    list.length > 0 && (
      <section>
        <h3>
          {title} — {list.length}
        </h3>
        {list.map((m) => (
          <div
            key={m.user.id}
            className={`member ${m.status}`}
            data-testid="member"
            data-username={m.user.username}
            data-status={m.status}
          >
            <ProfileTrigger user={m.user} className="member-open">
              <Avatar
                id={m.user.id}
                name={shownName(m.user)}
                size={32}
                status={m.status}
                avatar={m.user.avatar}
              />
              <span className="member-name">{shownName(m.user)}</span>
            </ProfileTrigger>
            {m.user.id === ownerId && (
              <span className="crown" title="Server owner" aria-label="owner">
                <Icon name="crown" size={14} />
              </span>
            )}
            {onMessage && m.user.id !== myId && (
              <button
                className="icon-btn member-message"
                title={`Message ${m.user.username}`}
                aria-label={`Message ${m.user.username}`}
                onClick={() => onMessage(m.user.id)}
                data-testid="member-message"
              >
                <Icon name="message" size={14} />
              </button>
            )}
          </div>
        ))}
      </section>
    );
  return (
    <aside className="member-list" aria-label="Members" data-testid="member-list">
      {error && <div className="inline-error pad">{error}</div>}
      {!members && !error && <div className="muted pad">Loading members…</div>}
      {group('Online', online)}
      {group('Offline', offline)}
    </aside>
  );
}
