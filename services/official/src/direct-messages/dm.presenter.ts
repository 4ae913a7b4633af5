/** DM rows → wire DMs, as one recipient sees them (the others listed, not themselves). */
import type { DmChannel, UserRef } from '@twopointo/shared';
import { iso } from '../http/present.ts';
import type { DmRow } from './dm.repository.ts';

export const presentDm = (r: DmRow, everyone: UserRef[], viewerId: string): DmChannel => ({
  id: r.id,
  type: r.type,
  name: r.name === '' ? null : r.name,
  owner_id: r.owner_id,
  recipients: everyone.filter((u) => u.id !== viewerId),
  last_message_id: r.last_message_id,
  created_at: iso(r.created_at),
});
