/**
 * Asset rows → wire assets (a message's attachments too). The url is Official's redirect (the Edge
 * serves /api/assets/:id) to a short-lived download URL, never a storage URL.
 */
import type { Asset } from '@twopointo/shared';
import type { AssetRecord } from './asset.repository.ts';

export const presentAsset = (
  a: Pick<AssetRecord, 'id' | 'filename' | 'content_type' | 'size' | 'width' | 'height'>,
): Asset => ({
  id: a.id,
  filename: a.filename,
  content_type: a.content_type,
  size: Number(a.size),
  url: `/api/assets/${a.id}`,
  width: a.width,
  height: a.height,
});
