import { describe, expect, it } from 'vitest';
import { Permissions } from '@twopointo/shared';
import { mentionsIn, parseMentions, resolveMentions, type MentionAudience } from './mentions.ts';

const VIEW = Permissions.VIEW_CHANNEL;

describe('parseMentions', () => {
  it('finds users (both forms), roles, @everyone and @here, each id once, in order', () => {
    expect(parseMentions('hi <@12> and <@!34>, <@12> again; <@&56> @everyone @here')).toEqual({
      users: ['12', '34'],
      roles: ['56'],
      everyone: true,
      here: true,
    });
  });

  it('ignores look-alikes: e-mail addresses, words, malformed and overflowing ids', () => {
    expect(
      parseMentions('mail a@everyone.org, x@here, @everyones, <@>, <@abc>, <@& 5>, <@99999999999999999999>'),
    ).toEqual({ users: [], roles: [], everyone: false, here: false });
    expect(parseMentions('no at sign at all')).toEqual({
      users: [],
      roles: [],
      everyone: false,
      here: false,
    });
  });

  it('a role mention is not a user mention', () => {
    expect(parseMentions('<@&7>')).toMatchObject({ users: [], roles: ['7'] });
  });
});

describe('resolveMentions', () => {
  const audience = (over: Partial<MentionAudience> = {}): MentionAudience => ({
    serverId: '1',
    ownerId: '100',
    everyonePermissions: VIEW,
    roles: [
      { id: '1', permissions: VIEW },
      { id: '50', permissions: 0n },
      { id: '51', permissions: 0n },
    ],
    overwrites: [],
    members: [
      { user_id: '100', roles: [] },
      { user_id: '101', roles: ['50'] },
      { user_id: '102', roles: [] },
      { user_id: '103', roles: ['50', '51'] },
    ],
    ...over,
  });

  it('keeps members who can view, drops strangers; the author is never notified', () => {
    const r = resolveMentions(parseMentions('<@101> <@999> <@100>'), audience(), '100', false);
    expect(r).toEqual({ users: ['101', '100'], roles: [], everyone: false, notified: ['101'] });
  });

  it('a member the channel hides is not mentioned', () => {
    const hidden = audience({ overwrites: [{ type: 'member', target_id: '102', allow: 0n, deny: VIEW }] });
    expect(resolveMentions(parseMentions('<@102> <@101>'), hidden, '100', false).users).toEqual(['101']);
  });

  it("a role notifies its members who can view; unknown roles and @everyone's id do not count", () => {
    const hidden = audience({ overwrites: [{ type: 'role', target_id: '51', allow: 0n, deny: VIEW }] });
    const r = resolveMentions(parseMentions('<@&50> <@&77> <@&1>'), hidden, '100', false);
    expect(r.roles).toEqual(['50']);
    expect(r.notified).toEqual(['101']);
  });

  it('@everyone needs MENTION_EVERYONE: with it every viewer but the author, without it plain text', () => {
    expect(resolveMentions(parseMentions('@everyone'), audience(), '101', false)).toEqual({
      users: [],
      roles: [],
      everyone: false,
      notified: [],
    });
    const r = resolveMentions(parseMentions('@everyone'), audience(), '101', true);
    expect(r.everyone).toBe(true);
    expect(r.notified.sort()).toEqual(['100', '102', '103']);
  });

  it('@here notifies only viewers who are online', () => {
    const r = resolveMentions(
      parseMentions('@here'),
      audience({ online: new Set(['102', '999']) }),
      '100',
      true,
    );
    expect(r).toMatchObject({ everyone: true, notified: ['102'] });
  });
});

describe('mentionsIn', () => {
  const author = {
    user: { id: '100' },
    channel: { id: '9', server_id: '1' },
    server: { owner_id: '100' },
    input: { everyone: { permissions: VIEW } },
    channelPermissions: VIEW | Permissions.SEND_MESSAGES,
  };

  it('content without mention syntax asks for nothing', async () => {
    const fail = () => Promise.reject(new Error('no query expected'));
    const sources = { audience: fail, online: fail };
    expect(await mentionsIn('hello there', author, sources)).toMatchObject({ notified: [] });
    expect(await mentionsIn('@everyone, without the permission', author, sources)).toMatchObject({
      everyone: false,
    });
  });
});
