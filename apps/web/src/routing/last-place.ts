/**
 * Where the user was: the last conversation (for `/` and under the settings overlays) and the
 * last channel of each server (a click on a server opens it). Kept in localStorage, per browser.
 */
import type { ChatPlace } from './places.ts';

const KEY = 'twopointo.selection';

export interface LastPlace {
  /** the last server open, when Home was not */
  serverId: string | null;
  channelByServer: Record<string, string>;
  /** Home (the DMs) was open last */
  home?: boolean;
  dmId?: string | null;
}

export function loadLastPlace(): LastPlace {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? 'null') as LastPlace | null;
    if (raw && typeof raw === 'object' && raw.channelByServer && typeof raw.channelByServer === 'object')
      return raw;
  } catch {
    // a broken value is just forgotten
  }
  return { serverId: null, channelByServer: {} };
}

/** Remembers a conversation that was shown (a resolved place: server and channel, or a DM). */
export function rememberPlace(place: ChatPlace): void {
  const last = loadLastPlace();
  let next: LastPlace;
  if (place.kind === 'server') {
    next = {
      ...last,
      serverId: place.serverId,
      home: false,
      channelByServer: place.channelId
        ? { ...last.channelByServer, [place.serverId]: place.channelId }
        : last.channelByServer,
    };
  } else {
    next = { ...last, home: true, dmId: place.kind === 'dm' ? place.channelId : (last.dmId ?? null) };
  }
  localStorage.setItem(KEY, JSON.stringify(next));
}

/** The conversation to show under an overlay or at `/`: the last one, as a place. */
export function lastChatPlace(last: LastPlace = loadLastPlace()): ChatPlace | null {
  if (last.home) return last.dmId ? { kind: 'dm', channelId: last.dmId } : { kind: 'home' };
  if (last.serverId) {
    const channelId = last.channelByServer[last.serverId];
    return channelId
      ? { kind: 'server', serverId: last.serverId, channelId }
      : { kind: 'server', serverId: last.serverId };
  }
  return null;
}
