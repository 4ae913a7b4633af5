/** Asset rows → wire assets; the url is the Official redirect, never a storage URL. */
import type { Asset } from '@twopointo/shared';
import type { AssetRecord } from './asset.repository.ts';

export const presentAsset = (a: AssetRecord): Asset => ({
  id: a.id,
  filename: a.filename,
  content_type: a.content_type,
  size: Number(a.size),
  url: `/api/assets/${a.id}`,
});
