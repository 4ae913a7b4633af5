/** Server rows → wire servers. */
import type { Server } from '@twopointo/shared';
import { iso } from '../http/present.ts';

export const presentServer = (r: {
  id: string;
  name: string;
  owner_id: string;
  created_at: Date;
  icon_asset_id: string | null;
}): Server => ({
  id: r.id,
  name: r.name,
  owner_id: r.owner_id,
  created_at: iso(r.created_at),
  icon_asset_id: r.icon_asset_id,
});
