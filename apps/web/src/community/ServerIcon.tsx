/** A server's icon (the uploaded picture, fetched with the session's token) or its initials. */
import { useAttachmentUrl } from '../chat/attachment-blob.ts';
import type { CommunityServer } from './community-api.ts';

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words[0]![0]! + words[1]![0]! : name.slice(0, 2)).toUpperCase() || '?';
}

export function iconUrlOf(server: {
  icon_url?: string | null;
  icon_asset_id?: string | null;
}): string | null {
  return server.icon_url ?? (server.icon_asset_id ? `/api/assets/${server.icon_asset_id}` : null);
}

export function ServerIcon({ server, override }: { server: CommunityServer; override?: string | null }) {
  const url = iconUrlOf(server);
  const { src } = useAttachmentUrl(url ?? '', !!url && !override);
  const shown = override ?? (url ? src : null);
  if (shown) return <img className="server-icon-img" src={shown} alt="" data-testid="server-icon-img" />;
  return <>{initials(server.name)}</>;
}
