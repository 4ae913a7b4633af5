import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { roomOfToken, verifyToken } from '@twopointo/janus';
import { mintCredentials } from './credentials.ts';

describe('voice credentials', () => {
  const o = {
    tokenSecret: 'janus-secret-0123456789',
    ttlS: 900,
    iceServers: ['stun:s.example.org:3478', 'turn:t.example.org:3478', 'turns:t.example.org:5349'],
    turnSecret: 'coturn-secret',
  };
  const now = Date.UTC(2026, 10, 29, 12);

  it('mints a VideoRoom API token and a join token for the room, both expiring after the TTL', () => {
    const c = mintCredentials(o, '1234', '42', now);
    const exp = now / 1000 + 900;
    expect(c.expires_at).toBe(new Date(exp * 1000).toISOString());
    expect(verifyToken(o.tokenSecret, c.token, now / 1000)).toMatchObject({
      realm: 'janus',
      expiresAtS: exp,
    });
    expect(roomOfToken(o.tokenSecret, c.join_token, now / 1000)).toBe('1234');
    expect(roomOfToken(o.tokenSecret, c.join_token, exp + 1)).toBeNull();
    expect(verifyToken(o.tokenSecret, c.token, exp + 1)).toBeNull();
  });

  it('gives STUN as is and TURN with coturn REST credentials (expiry:user signed with the shared secret)', () => {
    const c = mintCredentials(o, '1234', '42', now);
    const username = `${now / 1000 + 900}:42`;
    expect(c.ice_servers).toEqual([
      { urls: ['stun:s.example.org:3478'] },
      {
        urls: ['turn:t.example.org:3478', 'turns:t.example.org:5349'],
        username,
        credential: createHmac('sha1', 'coturn-secret').update(username).digest('base64'),
      },
    ]);
    expect(mintCredentials({ ...o, turnSecret: undefined }, '1', '42', now).ice_servers[1]).toEqual({
      urls: ['turn:t.example.org:3478', 'turns:t.example.org:5349'],
    });
    expect(mintCredentials({ ...o, iceServers: [] }, '1', '42', now).ice_servers).toEqual([]);
  });
});
