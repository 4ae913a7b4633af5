/** Member rows → wire members. */
import type { Member } from '@twopointo/shared';
import { iso } from '../http/present.ts';
import type { MemberRow } from './member.repository.ts';

export const presentMember = (m: MemberRow, online: boolean, now = Date.now()): Member => ({
  user: { id: m.user_id, username: m.username, display_name: m.display_name, avatar: m.avatar },
  roles: m.roles,
  joined_at: iso(m.joined_at),
  status: online ? 'online' : 'offline',
  nick: m.nick,
  // a timeout that has run out is no timeout
  communication_disabled_until:
    m.communication_disabled_until && new Date(m.communication_disabled_until).getTime() > now
      ? iso(new Date(m.communication_disabled_until))
      : null,
});
