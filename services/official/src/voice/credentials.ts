/**
 * What a browser needs to reach Janus for one admission: the core token (every Janus API
 * request), the join token (VideoRoom `join`, also its allowed-list entry), both expiring
 * together, and ICE servers, with coturn REST credentials (`<expiry>:<user>` signed with the
 * shared `static-auth-secret`) for turn: URLs when VOICE_TURN_SECRET is set.
 */
import { createHmac } from 'node:crypto';
import { coreToken, roomToken } from '@twopointo/janus';

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export interface Credentials {
  token: string;
  join_token: string;
  expires_at: string;
  ice_servers: IceServer[];
}

export interface CredentialOptions {
  tokenSecret: string;
  ttlS: number;
  iceServers: readonly string[];
  turnSecret?: string;
}

export function mintCredentials(
  o: CredentialOptions,
  channelId: string,
  userId: string,
  nowMs = Date.now(),
): Credentials {
  const expires = Math.floor(nowMs / 1000) + o.ttlS;
  return {
    token: coreToken(o.tokenSecret, expires),
    join_token: roomToken(o.tokenSecret, channelId, expires),
    expires_at: new Date(expires * 1000).toISOString(),
    ice_servers: iceServers(o, userId, expires),
  };
}

export function iceServers(o: CredentialOptions, userId: string, expires: number): IceServer[] {
  const stun = o.iceServers.filter((u) => u.startsWith('stun:'));
  const turn = o.iceServers.filter((u) => u.startsWith('turn:') || u.startsWith('turns:'));
  const out: IceServer[] = [];
  if (stun.length > 0) out.push({ urls: stun });
  if (turn.length > 0) {
    if (o.turnSecret) {
      const username = `${expires}:${userId}`;
      const credential = createHmac('sha1', o.turnSecret).update(username).digest('base64');
      out.push({ urls: turn, username, credential });
    } else {
      out.push({ urls: turn });
    }
  }
  return out;
}
