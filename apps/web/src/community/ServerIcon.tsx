/** A server's icon (the public resized image of its icon asset) or its initials. */
import { edgeUrl } from '../config.ts';

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words[0]![0]! + words[1]![0]! : name.slice(0, 2)).toUpperCase() || '?';
}

/** the public image of an icon asset (no token needed), 32, 64, 128 or 256 px square */
export function iconUrl(assetId: string | null | undefined, size: 32 | 64 | 128 | 256 = 128): string | null {
  return assetId ? edgeUrl(`/api/images/${encodeURIComponent(assetId)}/${size}`) : null;
}

export function ServerIcon({
  server,
  override,
}: {
  server: { name: string; icon_asset_id?: string | null };
  /** a picture to show instead (the preview of one being chosen) */
  override?: string | null;
}) {
  const shown = override ?? iconUrl(server.icon_asset_id);
  if (shown) return <img className="server-icon-img" src={shown} alt="" data-testid="server-icon-img" />;
  return <>{initials(server.name)}</>;
}
