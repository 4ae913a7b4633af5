/**
 * Members of the server: online ones under their highest hoisted role or "Online", then
 * "Offline"; names in their role colour open the member menu. Presence follows PRESENCE_UPDATE.
 */
import type { Member, Role } from '@twopointo/shared';
import { memberGroups } from '../community/member-display.ts';
import { MemberName } from '../community/MemberName.tsx';
import { Avatar } from './Avatar.tsx';
import { shownName } from '../settings/account-api.ts';
import { Icon } from './Icon.tsx';

export function MemberList({
  members,
  roles,
  error,
  ownerId,
  myId,
  onMessage,
}: {
  members: Member[] | undefined;
  /** for hoisted groups and colours; empty when the roles cannot be read */
  roles?: Role[];
  error: string | null;
  ownerId: string | undefined;
  myId?: string;
  /** opens the DM with this member (a "Message" button on each other member) */
  onMessage?: (userId: string) => void;
}) {
  const groups = memberGroups(members ?? [], roles ?? []);
  return (
    <aside className="member-list" aria-label="Members" data-testid="member-list">
      {error && <div className="inline-error pad">{error}</div>}
      {!members && !error && <div className="muted pad">Loading members…</div>}
      {groups.map((g) => (
        <section key={g.id} data-testid="member-group" data-group={g.title}>
          <h3>
            {g.title} — {g.members.length}
          </h3>
          {g.members.map((m) => (
            <div
              key={m.user.id}
              className={`member ${m.status}`}
              data-testid="member"
              data-username={m.user.username}
              data-status={m.status}
            >
              <Avatar
                id={m.user.id}
                name={shownName(m.user)}
                size={32}
                status={m.status}
                avatar={m.user.avatar}
              />
              <MemberName user={m.user} className="member-name" />
              {m.user.id === ownerId && (
                <span className="crown" title="Server owner">
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
      ))}
    </aside>
  );
}
