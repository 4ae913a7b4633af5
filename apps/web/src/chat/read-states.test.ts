import type { Channel, Message, ReadState } from '@twopointo/shared';
import { describe, expect, it } from 'vitest';
import {
  applyMessageCreate,
  applyReadStateUpdate,
  bumpLastMessage,
  firstUnreadId,
  isUnread,
  markRead,
  mentionsMe,
  summarize,
  tabTitle,
  toReadStates,
} from './read-states.ts';

const ME = '1';
const state = (channel_id: string, last_read_id: string | null, mention_count = 0): ReadState => ({
  channel_id,
  last_read_id,
  mention_count,
});
const channel = (id: string, last_message_id: string | null, server_id = 's'): Channel => ({
  id,
  server_id,
  name: `c${id}`,
  topic: null,
  position: 0,
  created_at: '2026-01-01T00:00:00Z',
  last_message_id,
  type: 'text',
  parent_id: null,
});
const msg = (id: string, extra: Partial<Message> = {}): Message => ({
  id,
  channel_id: 'c',
  server_id: 's',
  author: { id: '2', username: 'bob' },
  content: '',
  attachments: [],
  reply_to_id: null,
  created_at: '2026-01-01T00:00:00Z',
  edited_at: null,
  mentions: [],
  mention_roles: [],
  mention_everyone: false,
  reactions: [],
  pinned: false,
  ...extra,
});

describe('unread', () => {
  it('is unread when the newest message is above the marker, compared as numbers', () => {
    expect(isUnread(channel('c', '100'), state('c', '99'))).toBe(true);
    // a longer id is a bigger number, whatever the string order says
    expect(isUnread(channel('c', '1000'), state('c', '999'))).toBe(true);
    expect(isUnread(channel('c', '999'), state('c', '1000'))).toBe(false);
    expect(isUnread(channel('c', '100'), state('c', '100'))).toBe(false);
    expect(isUnread(channel('c', '100'), state('c', null))).toBe(true);
    expect(isUnread(channel('c', null), state('c', null))).toBe(false);
    expect(isUnread(channel('c', '5'), undefined)).toBe(true);
  });

  it('puts the divider at the first message after the marker that is not mine', () => {
    const list = [msg('5'), msg('6', { author: { id: ME, username: 'me' } }), msg('7'), msg('8')];
    expect(firstUnreadId(list, '5', ME)).toBe('7');
    expect(firstUnreadId(list, null, ME)).toBe('5');
    expect(firstUnreadId(list, '8', ME)).toBeNull();
  });
});

describe('mentions', () => {
  it('counts a ping by id, by one of my roles, or @everyone, never my own message', () => {
    expect(mentionsMe(msg('1', { mentions: [ME] }), ME, [])).toBe(true);
    expect(mentionsMe(msg('1', { mention_roles: ['r1'] }), ME, ['r1'])).toBe(true);
    expect(mentionsMe(msg('1', { mention_roles: ['r2'] }), ME, ['r1'])).toBe(false);
    expect(mentionsMe(msg('1', { mention_everyone: true }), ME, null)).toBe(true);
    expect(mentionsMe(msg('1', { mentions: ['3'] }), ME, [])).toBe(false);
    expect(mentionsMe(msg('1', { mentions: [ME], author: { id: ME, username: 'me' } }), ME, [])).toBe(false);
    // roles named, mine unknown: cannot tell
    expect(mentionsMe(msg('1', { mention_roles: ['r1'] }), ME, null)).toBeNull();
  });

  it('a live mention adds to the count; a replayed one (at or below the marker) does not', () => {
    let s = toReadStates([state('c', '10', 1)]);
    s = applyMessageCreate(s, msg('11'), { myId: ME, mentioned: true, previousLast: '10' });
    expect(s.c).toEqual(state('c', '10', 2));
    s = applyMessageCreate(s, msg('12'), { myId: ME, mentioned: false, previousLast: '11' });
    expect(s.c).toEqual(state('c', '10', 2));
    s = applyMessageCreate(s, msg('9'), { myId: ME, mentioned: true, previousLast: '12' });
    expect(s.c!.mention_count).toBe(2);
  });

  it('my own message keeps a read channel read, but does not hide unread messages before it', () => {
    const mine = (id: string) => msg(id, { author: { id: ME, username: 'me' } });
    let s = toReadStates([state('c', '10')]);
    s = applyMessageCreate(s, mine('11'), { myId: ME, mentioned: false, previousLast: '10' });
    expect(s.c!.last_read_id).toBe('11');
    s = toReadStates([state('c', '10')]);
    s = applyMessageCreate(s, mine('13'), { myId: ME, mentioned: false, previousLast: '12' });
    expect(s.c!.last_read_id).toBe('10');
  });
});

describe('READ_STATE_UPDATE and reading here', () => {
  it('an ack from another device clears the badge here', () => {
    const s = toReadStates([state('c', '10', 3)]);
    const next = applyReadStateUpdate(s, state('c', '20', 0));
    expect(next.c).toEqual(state('c', '20', 0));
    expect(isUnread(channel('c', '20'), next.c)).toBe(false);
  });

  it('a marker behind what was read here is stale and ignored', () => {
    const s = toReadStates([state('c', '20', 0)]);
    expect(applyReadStateUpdate(s, state('c', '15', 1))).toBe(s);
    // a channel we knew nothing of is taken as it is
    expect(applyReadStateUpdate(s, state('d', '5', 2)).d).toEqual(state('d', '5', 2));
  });

  it('reading moves the marker forward only; reaching the newest clears the mentions', () => {
    const s = toReadStates([state('c', '10', 2)]);
    expect(markRead(s, 'c', '15', '20').c).toEqual(state('c', '15', 2));
    expect(markRead(s, 'c', '20', '20').c).toEqual(state('c', '20', 0));
    expect(markRead(s, 'c', '5', '20')).toBe(s);
  });

  it('bumps a channel’s newest id, never down', () => {
    const list = [channel('c', '10'), channel('d', null)];
    expect(bumpLastMessage(list, 'c', '11')!.map((c) => c.last_message_id)).toEqual(['11', null]);
    expect(bumpLastMessage(list, 'c', '9')).toBe(list);
    expect(bumpLastMessage(undefined, 'c', '9')).toBeUndefined();
  });
});

describe('summary', () => {
  const byServer = {
    s: [channel('a', '10'), channel('b', '20')],
    t: [channel('x', '30', 't')],
  };

  it('adds up channels into servers and the tab, muted channels only counting mentions', () => {
    const states = toReadStates([state('a', '10'), state('b', '19', 2), state('x', '29')]);
    const sum = summarize(byServer, states, () => false);
    expect(sum.channels.a).toEqual({ unread: false, mentions: 0 });
    expect(sum.channels.b).toEqual({ unread: true, mentions: 2 });
    expect(sum.servers.s).toEqual({ unread: true, mentions: 2 });
    expect(sum.servers.t).toEqual({ unread: true, mentions: 0 });
    expect(tabTitle(sum)).toBe('(2) twopointo');

    const muted = summarize(byServer, states, (sid) => sid === 't');
    expect(muted.servers.t).toEqual({ unread: false, mentions: 0 });
    expect(muted.channels.x!.unread).toBe(true);
  });

  it('shows a dot in the title for unread without mentions, nothing when all is read', () => {
    expect(tabTitle({ mentions: 0, unread: true })).toBe('• twopointo');
    expect(tabTitle({ mentions: 0, unread: false })).toBe('twopointo');
    expect(summarize(byServer, undefined, () => false).unread).toBe(false);
  });
});
