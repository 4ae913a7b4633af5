/**
 * The client's addresses: what each path means (a Place) and the path of each Place. Matching
 * goes through react-router's `matchPath`, the same matcher the router uses, so the two agree.
 *
 *   /                                   the last place you were (or the first server)
 *   /channels/@me                       Home (your DMs)
 *   /channels/@me/CID[/MID]             a DM (a message in it)
 *   /channels/SID                       a server (its last channel, or its first)
 *   /channels/SID/CID[/MID]             a server channel (a message in it)
 *   /channels/SID/settings[/SECTION]    a server's settings, over its last channel
 *   /settings[/SECTION]                 your settings, over the last place you were
 *   /invite/CODE                        an invite
 */
import { matchPath } from 'react-router';

export const USER_SETTINGS_SECTIONS = ['account', 'security'] as const;
export type UserSettingsSection = (typeof USER_SETTINGS_SECTIONS)[number];

export type Place =
  | { kind: 'root' }
  | { kind: 'home' }
  | { kind: 'dm'; channelId: string; messageId?: string }
  | { kind: 'server'; serverId: string; channelId?: string; messageId?: string }
  | { kind: 'server-settings'; serverId: string; section?: string }
  | { kind: 'settings'; section: UserSettingsSection }
  | { kind: 'invite'; code: string }
  | { kind: 'unknown' };

/** Snowflake ids are decimal strings. */
const isId = (s: string | undefined): s is string => !!s && /^\d{1,20}$/.test(s);
const SECTION = /^[a-z][a-z-]{0,31}$/;

const PATTERNS = {
  root: '/',
  home: '/channels/@me',
  dm: '/channels/@me/:cid/:mid?',
  serverSettings: '/channels/:sid/settings/:section?',
  server: '/channels/:sid/:cid?/:mid?',
  settings: '/settings/:section?',
  invite: '/invite/:code',
} as const;

/** What a path (without origin, query or hash) points at. */
export function parsePlace(pathname: string): Place {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const m = (pattern: string) => matchPath({ path: pattern, end: true }, path);
  if (m(PATTERNS.root)) return { kind: 'root' };
  if (m(PATTERNS.home)) return { kind: 'home' };
  const dm = m(PATTERNS.dm);
  if (dm) {
    const { cid, mid } = dm.params;
    if (!isId(cid) || (mid !== undefined && !isId(mid))) return { kind: 'unknown' };
    return mid ? { kind: 'dm', channelId: cid, messageId: mid } : { kind: 'dm', channelId: cid };
  }
  const ss = m(PATTERNS.serverSettings);
  if (ss) {
    const { sid, section } = ss.params;
    if (!isId(sid) || (section !== undefined && !SECTION.test(section))) return { kind: 'unknown' };
    return section
      ? { kind: 'server-settings', serverId: sid, section }
      : { kind: 'server-settings', serverId: sid };
  }
  const s = m(PATTERNS.server);
  if (s) {
    const { sid, cid, mid } = s.params;
    if (!isId(sid) || (cid !== undefined && !isId(cid)) || (mid !== undefined && !isId(mid)))
      return { kind: 'unknown' };
    const place: Place = { kind: 'server', serverId: sid };
    if (cid) place.channelId = cid;
    if (cid && mid) place.messageId = mid;
    return place;
  }
  const st = m(PATTERNS.settings);
  if (st) {
    const section = st.params.section ?? 'account';
    return (USER_SETTINGS_SECTIONS as readonly string[]).includes(section)
      ? { kind: 'settings', section: section as UserSettingsSection }
      : { kind: 'unknown' };
  }
  const inv = m(PATTERNS.invite);
  if (inv?.params.code && /^[A-Za-z0-9_-]+$/.test(inv.params.code))
    return { kind: 'invite', code: inv.params.code };
  return { kind: 'unknown' };
}

/** The path of a place (the inverse of parsePlace). */
export function placePath(p: Place): string {
  const enc = encodeURIComponent;
  switch (p.kind) {
    case 'root':
    case 'unknown':
      return '/';
    case 'home':
      return '/channels/@me';
    case 'dm':
      return `/channels/@me/${p.channelId}${p.messageId ? `/${p.messageId}` : ''}`;
    case 'server':
      return `/channels/${p.serverId}${p.channelId ? `/${p.channelId}` : ''}${p.channelId && p.messageId ? `/${p.messageId}` : ''}`;
    case 'server-settings':
      return `/channels/${p.serverId}/settings${p.section ? `/${enc(p.section)}` : ''}`;
    case 'settings':
      return `/settings/${p.section}`;
    case 'invite':
      return `/invite/${enc(p.code)}`;
  }
}

/** The path of a message: in a server channel, or in a DM (serverId null). */
export function messagePath(serverId: string | null, channelId: string, messageId: string): string {
  return serverId === null
    ? placePath({ kind: 'dm', channelId, messageId })
    : placePath({ kind: 'server', serverId, channelId, messageId });
}

/** The full address of a message, to share. */
export function messageLink(origin: string, serverId: string | null, channelId: string, messageId: string) {
  return origin.replace(/\/+$/, '') + messagePath(serverId, channelId, messageId);
}

/** Places that show a conversation (or Home) and are remembered for `/` and the overlays. */
export type ChatPlace = Extract<Place, { kind: 'home' | 'dm' | 'server' }>;

export function isChatPlace(p: Place): p is ChatPlace {
  return p.kind === 'home' || p.kind === 'dm' || p.kind === 'server';
}
