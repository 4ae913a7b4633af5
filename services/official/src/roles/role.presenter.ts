/** Role and overwrite rows → wire types (permission sets as decimal strings). */
import type { OverwriteRow, RoleRow } from '@twopointo/db';
import type { ChannelOverwrite, Role } from '@twopointo/shared';
import { formatPermissionSet } from '../access/permission-set.ts';
import { iso } from '../http/present.ts';

export const presentRole = (r: RoleRow): Role => ({
  id: r.id,
  server_id: r.server_id,
  name: r.name,
  permissions: formatPermissionSet(r.permissions),
  position: r.position,
  created_at: iso(r.created_at),
  color: r.color,
  hoist: r.hoist,
  mentionable: r.mentionable,
});

export const presentOverwrite = (o: OverwriteRow): ChannelOverwrite => ({
  channel_id: o.channel_id,
  target_id: o.target_id,
  type: o.type,
  allow: formatPermissionSet(o.allow),
  deny: formatPermissionSet(o.deny),
});
