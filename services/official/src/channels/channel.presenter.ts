/** Channel rows → wire channels. */
import type { Channel } from '@twopointo/shared';
import type { ChannelRow } from '../access/access.repository.ts';
import { iso } from '../http/present.ts';

export const presentChannel = (r: ChannelRow): Channel => ({
  id: r.id,
  server_id: r.server_id,
  name: r.name,
  topic: r.topic,
  position: r.position,
  created_at: iso(r.created_at),
  last_message_id: r.last_message_id,
});
