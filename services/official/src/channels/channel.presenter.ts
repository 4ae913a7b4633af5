/** Channel rows → wire channels. */
import type { Channel } from '@twopointo/shared';
import type { ChannelRow } from '../access/access.repository.ts';
import { iso } from '../http/present.ts';

/** A voice channel's bitrate when none was chosen (Discord's default). */
export const DEFAULT_BITRATE = 64_000;

export const presentChannel = (r: ChannelRow): Channel => ({
  id: r.id,
  server_id: r.server_id,
  name: r.name,
  topic: r.topic,
  position: r.position,
  created_at: iso(r.created_at),
  last_message_id: r.last_message_id,
  type: r.type,
  parent_id: r.parent_id,
  ...(r.type === 'voice' ? { user_limit: r.user_limit ?? 0, bitrate: r.bitrate ?? DEFAULT_BITRATE } : {}),
});
