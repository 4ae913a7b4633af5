import { afterEach, describe, expect, it } from 'vitest';
import {
  effectiveLevel,
  isMuted,
  NotificationSettingsStore,
  shouldNotify,
  type NotificationSettings,
} from './notification-settings.ts';

afterEach(() => localStorage.clear());

const msg = { server_id: 's', channel_id: 'c' };

describe('notification settings', () => {
  it('notifies for mentions by default, not for other messages', () => {
    const s: NotificationSettings = { servers: {}, channels: {} };
    expect(shouldNotify(s, msg, true)).toBe(true);
    expect(shouldNotify(s, msg, false)).toBe(false);
  });

  it('a channel’s level beats its server’s; mute silences either way', () => {
    const s: NotificationSettings = {
      servers: { s: { level: 'nothing' } },
      channels: { c: { level: 'all' } },
    };
    expect(effectiveLevel(s, 's', 'c')).toBe('all');
    expect(effectiveLevel(s, 's', 'd')).toBe('nothing');
    expect(shouldNotify(s, msg, false)).toBe(true);
    expect(shouldNotify(s, { server_id: 's', channel_id: 'd' }, true)).toBe(false);
    const muted = { ...s, servers: { s: { level: 'all' as const, muted: true } } };
    expect(isMuted(muted, 's', 'c')).toBe(true);
    expect(shouldNotify(muted, msg, true)).toBe(false);
  });

  it('is kept per user in this browser', () => {
    const a = new NotificationSettingsStore();
    a.use('u1');
    a.setChannel('c', { muted: true });
    a.setServer('s', { level: 'all' });
    const b = new NotificationSettingsStore();
    b.use('u1');
    expect(b.get()).toEqual({ servers: { s: { level: 'all' } }, channels: { c: { muted: true } } });
    b.use('u2');
    expect(b.get()).toEqual({ servers: {}, channels: {} });
  });
});
