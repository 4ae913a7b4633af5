/** Invite rows → wire invites. */
import type { InviteRow } from '@twopointo/db';
import type { Invite } from '@twopointo/shared';
import { iso, isoOrNull } from '../http/present.ts';

export const presentInvite = (r: InviteRow): Invite => ({
  code: r.code,
  server_id: r.server_id,
  inviter_id: r.inviter_id,
  max_uses: r.max_uses,
  uses: r.uses,
  expires_at: isoOrNull(r.expires_at),
  created_at: iso(r.created_at),
});
