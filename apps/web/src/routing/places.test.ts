import { beforeEach, describe, expect, it } from 'vitest';
import { lastChatPlace, loadLastPlace, rememberPlace } from './last-place.ts';
import { messageLink, messagePath, parsePlace, placePath, type Place } from './places.ts';

describe('addresses', () => {
  it.each<[string, Place]>([
    ['/', { kind: 'root' }],
    ['/channels/@me', { kind: 'home' }],
    ['/channels/@me/', { kind: 'home' }],
    ['/channels/@me/42', { kind: 'dm', channelId: '42' }],
    ['/channels/@me/42/43', { kind: 'dm', channelId: '42', messageId: '43' }],
    ['/channels/7', { kind: 'server', serverId: '7' }],
    ['/channels/7/8', { kind: 'server', serverId: '7', channelId: '8' }],
    ['/channels/7/8/9', { kind: 'server', serverId: '7', channelId: '8', messageId: '9' }],
    ['/channels/7/settings', { kind: 'server-settings', serverId: '7' }],
    ['/channels/7/settings/roles', { kind: 'server-settings', serverId: '7', section: 'roles' }],
    ['/channels/7/settings/audit-log', { kind: 'server-settings', serverId: '7', section: 'audit-log' }],
    ['/settings', { kind: 'settings', section: 'account' }],
    ['/settings/security', { kind: 'settings', section: 'security' }],
    ['/invite/AbC_-9', { kind: 'invite', code: 'AbC_-9' }],
  ])('%s is understood', (path, place) => {
    expect(parsePlace(path)).toEqual(place);
  });

  it.each([
    '/channels',
    '/channels/abc',
    '/channels/7/general',
    '/channels/7/8/nine',
    '/channels/7/8/9/10',
    '/channels/@me/bob',
    '/channels/7/settings/Roles!',
    '/settings/nope',
    '/invite/a b',
    '/nowhere',
    '/channels/123456789012345678901',
  ])('%s is not an address of the app', (path) => {
    expect(parsePlace(path)).toEqual({ kind: 'unknown' });
  });

  it.each<Place>([
    { kind: 'root' },
    { kind: 'home' },
    { kind: 'dm', channelId: '42' },
    { kind: 'dm', channelId: '42', messageId: '43' },
    { kind: 'server', serverId: '7' },
    { kind: 'server', serverId: '7', channelId: '8' },
    { kind: 'server', serverId: '7', channelId: '8', messageId: '9' },
    { kind: 'server-settings', serverId: '7' },
    { kind: 'server-settings', serverId: '7', section: 'bans' },
    { kind: 'settings', section: 'account' },
    { kind: 'settings', section: 'security' },
    { kind: 'invite', code: 'xyz' },
  ])('the path of %o reads back as the same place', (place) => {
    expect(parsePlace(placePath(place))).toEqual(place);
  });

  it('an unknown place builds to the start', () => {
    expect(placePath({ kind: 'unknown' })).toBe('/');
  });

  it('a message link is the full address of the message, in a server or a DM', () => {
    expect(messagePath('7', '8', '9')).toBe('/channels/7/8/9');
    expect(messagePath(null, '42', '43')).toBe('/channels/@me/42/43');
    expect(messageLink('https://chat.example/', '7', '8', '9')).toBe('https://chat.example/channels/7/8/9');
    expect(messageLink('http://127.0.0.1:8080', null, '42', '43')).toBe(
      'http://127.0.0.1:8080/channels/@me/42/43',
    );
  });
});

describe('the last place', () => {
  beforeEach(() => localStorage.clear());

  it('is nothing at first, and a broken value is forgotten', () => {
    expect(lastChatPlace()).toBeNull();
    localStorage.setItem('twopointo.selection', '{not json');
    expect(loadLastPlace()).toEqual({ serverId: null, channelByServer: {} });
  });

  it('remembers the last channel of each server and the last conversation', () => {
    rememberPlace({ kind: 'server', serverId: '7', channelId: '8' });
    rememberPlace({ kind: 'server', serverId: '5', channelId: '6' });
    expect(lastChatPlace()).toEqual({ kind: 'server', serverId: '5', channelId: '6' });
    expect(loadLastPlace().channelByServer).toEqual({ '7': '8', '5': '6' });
    rememberPlace({ kind: 'dm', channelId: '42' });
    expect(lastChatPlace()).toEqual({ kind: 'dm', channelId: '42' });
    // Home without a DM keeps the last DM
    rememberPlace({ kind: 'home' });
    expect(lastChatPlace()).toEqual({ kind: 'dm', channelId: '42' });
    rememberPlace({ kind: 'server', serverId: '7' });
    expect(lastChatPlace()).toEqual({ kind: 'server', serverId: '7', channelId: '8' });
  });
});
