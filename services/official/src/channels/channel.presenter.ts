/** Channel rows → wire channels. */
import type { Channel } from '@twopointo/shared';
import type { ChannelRef } from '../access/access.repository.ts';
import { iso } from '../http/present.ts';

export const presentChannel = (r: ChannelRef): Channel => ({
  id: r.id,
  server_id: r.server_id,
  name: r.name,
  topic: r.topic,
  position: r.position,
  created_at: iso(r.created_at),
});
