import { describe, expect, it } from 'vitest';
import { pickServer } from './rendezvous.ts';
import { coreToken, roomOfToken, roomToken, verifyToken } from './tokens.ts';

describe('rendezvous hashing', () => {
  const servers = ['ws://a:8188', 'ws://b:8188', 'ws://c:8188', 'ws://d:8188'];
  const rooms = Array.from({ length: 4000 }, (_, i) => String(1_000_000_000_000 + i * 7919));

  it('is stable and spreads rooms over every server', () => {
    const counts = new Map<string, number>();
    for (const r of rooms) {
      const s = pickServer(servers, r)!;
      expect(pickServer([...servers].reverse(), r)).toBe(s);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    for (const s of servers) expect(counts.get(s)).toBeGreaterThan(800);
    expect(pickServer([], '1')).toBeUndefined();
  });

  it('adding a server moves only about 1/n of the rooms, all of them to the new server', () => {
    const more = [...servers, 'ws://e:8188'];
    const moved = rooms.filter((r) => pickServer(servers, r) !== pickServer(more, r));
    for (const r of moved) expect(pickServer(more, r)).toBe('ws://e:8188');
    expect(moved.length / rooms.length).toBeGreaterThan(0.14);
    expect(moved.length / rooms.length).toBeLessThan(0.26);
  });

  it('removing a server moves only its own rooms', () => {
    const fewer = servers.slice(0, 3);
    for (const r of rooms) {
      const before = pickServer(servers, r);
      if (before !== 'ws://d:8188') expect(pickServer(fewer, r)).toBe(before);
    }
  });
});

describe('Janus signed tokens', () => {
  const secret = 'test-secret-0123456789';
  const now = 1_800_000_000;

  it('core tokens name the VideoRoom for realm janus; room tokens name their room', () => {
    expect(verifyToken(secret, coreToken(secret, now + 60), now)).toEqual({
      expiresAtS: now + 60,
      realm: 'janus',
      descriptors: ['janus.plugin.videoroom'],
    });
    const t = roomToken(secret, '42', now + 60);
    expect(roomOfToken(secret, t, now)).toBe('42');
    expect(roomToken(secret, '42', now + 60)).not.toBe(t);
    expect(roomOfToken(secret, coreToken(secret, now + 60), now)).toBeNull();
  });

  it('expired, tampered or foreign tokens are refused', () => {
    const t = roomToken(secret, '42', now + 60);
    expect(roomOfToken(secret, t, now + 61)).toBeNull();
    expect(roomOfToken('another-secret-0123', t, now)).toBeNull();
    expect(roomOfToken(secret, t.replace('room=42', 'room=43'), now)).toBeNull();
    for (const bad of ['', ':', 'x', 'a,b:c', `${t}x`]) expect(verifyToken(secret, bad, now)).toBeNull();
  });
});

describe('Janus config', () => {
  it('JANUS_URLS takes ws:// and wss:// URLs; JANUS_TOKEN_SECRET is required with them', async () => {
    const { janusUrls, janusTokenSecret } = await import('./config.ts');
    expect(janusUrls({ JANUS_URLS: 'ws://a:8188/, wss://b.example.org/janus' }, 'JANUS_URLS')).toEqual([
      'ws://a:8188',
      'wss://b.example.org/janus',
    ]);
    expect(janusUrls({}, 'JANUS_URLS')).toEqual([]);
    expect(() => janusUrls({ JANUS_URLS: 'http://a:8088/janus' }, 'JANUS_URLS')).toThrow(
      /JANUS_URLS must be/,
    );
    expect(() => janusUrls({ JANUS_URLS: 'not a url' }, 'JANUS_URLS')).toThrow(/JANUS_URLS/);
    expect(() => janusTokenSecret({ JANUS_URLS: 'ws://a:8188' }, 'JANUS_TOKEN_SECRET')).toThrow(
      /JANUS_TOKEN_SECRET is required when JANUS_URLS is set/,
    );
    expect(() => janusTokenSecret({ JANUS_TOKEN_SECRET: 'short' }, 'JANUS_TOKEN_SECRET')).toThrow(
      /at least 16/,
    );
    expect(janusTokenSecret({}, 'JANUS_TOKEN_SECRET')).toBeUndefined();
  });

  it('refuses an ICE enforce list of loopback only (Janus skips loopback and would gather everywhere)', async () => {
    const { iceList } = await import('./embedded.ts');
    for (const v of ['lo', '127.0.0.1', 'lo,::1'])
      expect(() => iceList({ L: v }, 'L')).toThrow(/only loopback/);
    expect(() => iceList({ L: 'eth0,,x' }, 'L')).toThrow(/comma-separated/);
    expect(iceList({ L: 'eth0,lo' }, 'L')).toBe('eth0,lo');
    expect(iceList({}, 'L')).toBeUndefined();
  });

  it('writes only the VideoRoom, signed tokens and loopback admin, and refuses values that would break the file', async () => {
    const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { writeJanusConfig } = await import('./janus-config.ts');
    const dir = mkdtempSync(join(tmpdir(), 'janus cfg '));
    try {
      const o = {
        host: '127.0.0.1',
        wsPort: 8188,
        adminPort: 7088,
        rtpPorts: [20000, 20099] as const,
        tokenSecret: 'token-secret-0123456789',
        adminSecret: 'admin-secret-0123456789',
        iceEnforceList: 'eth0,10.0.0.',
        natMapping: '203.0.113.7',
      };
      const main = readFileSync(writeJanusConfig(dir, o), 'utf8');
      expect(main).toContain('token_auth = true');
      expect(main).toContain('token_auth_secret = "token-secret-0123456789"');
      expect(main).toContain('rtp_port_range = "20000-20099"');
      // in the `nat` section, where Janus 1.1 reads it
      expect(main).toMatch(/nat: \{[^}]*ice_enforce_list = "eth0,10\.0\.0\."[^}]*\}/);
      expect(main).not.toContain('ice_ignore_list');
      expect(
        readFileSync(
          writeJanusConfig(dir, { ...o, iceEnforceList: undefined, iceIgnoreList: 'docker' }),
          'utf8',
        ),
      ).toMatch(/nat: \{[^}]*ice_ignore_list = "docker"[^}]*\}/);
      expect(main).toContain('nat_1_1_mapping = "203.0.113.7"');
      expect(main).toContain(`configs_folder = "${dir}"`);
      expect(main).toMatch(/plugins: \{ disable = "[^"]*libjanus_echotest\.so/);
      expect(readFileSync(join(dir, 'janus.plugin.videoroom.jcfg'), 'utf8')).toContain('string_ids = true');
      expect(() => writeJanusConfig(dir, { ...o, natMapping: '1.2.3.4"\nadmin_secret = "x' })).toThrow(
        /quotes/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
