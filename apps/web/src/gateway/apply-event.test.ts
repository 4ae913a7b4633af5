import { QueryClient } from '@tanstack/react-query';
import type { Channel, Member, Message, Server } from '@twopointo/shared';
import { describe, expect, it, vi } from 'vitest';
import { keys } from '../api/query-keys.ts';
import { historyWindow } from '../chat/history-window.ts';
import type { HistoryData } from '../chat/message-cache.ts';
import type { ReadStates } from '../chat/read-states.ts';
import { pendingStore } from '../chat/pending-store.ts';
import { typingStore } from '../chat/typing-store.ts';
import { applyEvent } from './apply-event.ts';
import type { GatewayEvent } from './gateway-client.ts';

const ME = '1';
const member = (id: string, status: 'online' | 'offline' = 'offline'): Member => ({
  user: { id, username: `u${id}` },
  roles: [],
  joined_at: '2026-01-01T00:00:00Z',
  status,
  nick: null,
  communication_disabled_until: null,
});
const channel = (id: string, position: number): Channel => ({
  id,
  server_id: 's',
  name: `c${id}`,
  topic: null,
  position,
  created_at: '2026-01-01T00:00:00Z',
  last_message_id: null,
  type: 'text',
  parent_id: null,
});
const message = (id: string, author = '2'): Message => ({
  id,
  channel_id: 'c',
  server_id: 's',
  author: { id: author, username: `u${author}` },
  content: `m${id}`,
  attachments: [],
  mentions: [],
  mention_roles: [],
  mention_everyone: false,
  reactions: [],
  pinned: false,
  type: 'default',
  reference_id: null,
  reply_to_id: null,
  created_at: '2026-01-01T00:00:00Z',
  edited_at: null,
});

function client() {
  const qc = new QueryClient();
  qc.setQueryData<Member[]>(keys.members('s'), [member(ME, 'online'), member('2')]);
  qc.setQueryData<Channel[]>(keys.channels('s'), [channel('10', 0), channel('11', 2)]);
  qc.setQueryData<Server[]>(keys.servers, [
    { id: 's', name: 'S', owner_id: ME, created_at: '2026-01-01T00:00:00Z', icon_asset_id: null },
  ]);
  qc.setQueryData<HistoryData>(keys.messages('c'), {
    pages: [{ messages: [message('5')], has_more: false }],
    pageParams: [undefined],
  });
  return qc;
}
const apply = (qc: QueryClient, ev: unknown) => applyEvent(qc, ev as GatewayEvent, ME);

describe('applyEvent', () => {
  it('folds reactions: others count, my own echo once; who-reacted is dropped to be read again', async () => {
    const qc = client();
    qc.setQueryData(keys.reactors('5', '👍'), [{ id: '2', username: 'u2' }]);
    const ev = (t: string, user_id: string) => ({
      op: 'EVENT',
      t,
      s: 1,
      d: { channel_id: 'c', server_id: 's', message_id: '5', user_id, emoji: '👍' },
    });
    const reactions = () =>
      qc.getQueryData<HistoryData>(keys.messages('c'))!.pages[0]!.messages[0]!.reactions;
    apply(qc, ev('MESSAGE_REACTION_ADD', '2'));
    expect(reactions()).toEqual([{ emoji: '👍', count: 1, me: false }]);
    await vi.waitFor(() => expect(qc.getQueryState(keys.reactors('5', '👍'))!.isInvalidated).toBe(true));
    apply(qc, ev('MESSAGE_REACTION_ADD', ME));
    apply(qc, ev('MESSAGE_REACTION_ADD', ME));
    expect(reactions()).toEqual([{ emoji: '👍', count: 2, me: true }]);
    apply(qc, ev('MESSAGE_REACTION_REMOVE', '2'));
    apply(qc, ev('MESSAGE_REACTION_REMOVE', ME));
    expect(reactions()).toEqual([]);
  });

  it('marks a message pinned or unpinned and has the pins list read again', () => {
    const qc = client();
    qc.setQueryData(keys.pins('c'), []);
    apply(qc, {
      op: 'EVENT',
      t: 'CHANNEL_PINS_UPDATE',
      s: 1,
      d: { channel_id: 'c', server_id: 's', message_id: '5', pinned: true, last_pin_timestamp: null },
    });
    expect(qc.getQueryData<HistoryData>(keys.messages('c'))!.pages[0]!.messages[0]!.pinned).toBe(true);
    expect(qc.getQueryState(keys.pins('c'))!.isInvalidated).toBe(true);
  });

  it('moves presence', () => {
    const qc = client();
    apply(qc, { op: 'EVENT', t: 'PRESENCE_UPDATE', d: { user_id: '2', server_id: 's', status: 'online' } });
    expect(qc.getQueryData<Member[]>(keys.members('s'))!.find((m) => m.user.id === '2')!.status).toBe(
      'online',
    );
  });

  it('adds a joining member once and removes a leaving one; my own leave drops the server', () => {
    const qc = client();
    const join = { op: 'EVENT', t: 'MEMBER_JOIN', s: 1, d: { server_id: 's', member: member('3') } };
    apply(qc, join);
    apply(qc, join);
    expect(qc.getQueryData<Member[]>(keys.members('s'))!.map((m) => m.user.id)).toEqual([ME, '2', '3']);
    apply(qc, { op: 'EVENT', t: 'MEMBER_LEAVE', s: 2, d: { server_id: 's', user_id: '2' } });
    expect(qc.getQueryData<Member[]>(keys.members('s'))!.map((m) => m.user.id)).toEqual([ME, '3']);
    apply(qc, { op: 'EVENT', t: 'MEMBER_LEAVE', s: 3, d: { server_id: 's', user_id: ME } });
    expect(qc.getQueryData<Server[]>(keys.servers)).toEqual([]);
  });

  it('keeps channels ordered by position through create, update and delete', () => {
    const qc = client();
    apply(qc, { op: 'EVENT', t: 'CHANNEL_CREATE', s: 1, d: channel('12', 1) });
    expect(qc.getQueryData<Channel[]>(keys.channels('s'))!.map((c) => c.id)).toEqual(['10', '12', '11']);
    apply(qc, { op: 'EVENT', t: 'CHANNEL_UPDATE', s: 2, d: { ...channel('10', 3), name: 'renamed' } });
    expect(qc.getQueryData<Channel[]>(keys.channels('s'))!.map((c) => c.name)).toEqual([
      'c12',
      'c11',
      'renamed',
    ]);
    apply(qc, { op: 'EVENT', t: 'CHANNEL_DELETE', s: 3, d: { id: '12', server_id: 's' } });
    expect(qc.getQueryData<Channel[]>(keys.channels('s'))!.map((c) => c.id)).toEqual(['11', '10']);
  });

  it('applies message events and ends the author’s typing', () => {
    const qc = client();
    typingStore.start('c', '2', 'u2');
    apply(qc, { op: 'EVENT', t: 'MESSAGE_CREATE', s: 1, d: message('6') });
    expect(typingStore.get('c')).toEqual([]);
    apply(qc, { op: 'EVENT', t: 'MESSAGE_UPDATE', s: 2, d: { ...message('6'), content: 'edited' } });
    const list = () => qc.getQueryData<HistoryData>(keys.messages('c'))!.pages[0]!.messages;
    expect(list().map((m) => m.content)).toEqual(['edited', 'm5']);
    pendingStore.add({
      nonce: 'n',
      channel_id: 'c',
      content: 'm6',
      reply_to_id: null,
      attachment_ids: [],
      attachment_names: [],
      created_at: '',
      after_id: null,
      status: 'sending',
      resolved_id: '6',
    });
    apply(qc, { op: 'EVENT', t: 'MESSAGE_DELETE', s: 3, d: { id: '6', channel_id: 'c', server_id: 's' } });
    expect(list().map((m) => m.id)).toEqual(['5']);
    expect(pendingStore.get('c')).toEqual([]);
  });

  it('ignores my own typing', () => {
    const qc = client();
    apply(qc, {
      op: 'EVENT',
      t: 'TYPING_START',
      d: { channel_id: 'c', server_id: 's', user_id: ME, username: 'me', timestamp: '' },
    });
    expect(typingStore.get('c')).toEqual([]);
    typingStore.clear();
  });

  describe('read states', () => {
    const withStates = (states: ReadStates) => {
      const qc = client();
      qc.setQueryData<ReadStates>(keys.readStates, states);
      return qc;
    };
    const states = (qc: QueryClient) => qc.getQueryData<ReadStates>(keys.readStates)!;
    const inChannel = (id: string, extra: Partial<Message> = {}): Message => ({
      ...message(id),
      channel_id: '10',
      ...extra,
    });

    it('READ_STATE_UPDATE from another device clears the badge here', () => {
      const qc = withStates({ '10': { channel_id: '10', last_read_id: '3', mention_count: 2 } });
      apply(qc, {
        op: 'EVENT',
        t: 'READ_STATE_UPDATE',
        s: 9,
        d: { channel_id: '10', last_read_id: '7', mention_count: 0 },
      });
      expect(states(qc)['10']).toEqual({ channel_id: '10', last_read_id: '7', mention_count: 0 });
    });

    it('MESSAGE_CREATE moves the channel’s newest id and counts a mention of me', () => {
      const qc = withStates({ '10': { channel_id: '10', last_read_id: null, mention_count: 0 } });
      apply(qc, { op: 'EVENT', t: 'MESSAGE_CREATE', s: 1, d: inChannel('20', { mentions: [ME] }) });
      apply(qc, { op: 'EVENT', t: 'MESSAGE_CREATE', s: 2, d: inChannel('21') });
      expect(states(qc)['10']!.mention_count).toBe(1);
      expect(
        qc.getQueryData<Channel[]>(keys.channels('s'))!.find((c) => c.id === '10')!.last_message_id,
      ).toBe('21');
      // deleting the mention takes it off the count again
      qc.setQueryData<HistoryData>(keys.messages('10'), {
        pages: [{ messages: [inChannel('21'), inChannel('20', { mentions: [ME] })], has_more: false }],
        pageParams: [undefined],
      });
      apply(qc, {
        op: 'EVENT',
        t: 'MESSAGE_DELETE',
        s: 3,
        d: { id: '20', channel_id: '10', server_id: 's' },
      });
      expect(states(qc)['10']!.mention_count).toBe(0);
    });

    it('my own message in a read channel leaves it read', () => {
      const qc = withStates({ '10': { channel_id: '10', last_read_id: null, mention_count: 0 } });
      apply(qc, {
        op: 'EVENT',
        t: 'MESSAGE_CREATE',
        s: 1,
        d: inChannel('30', { author: { id: ME, username: 'me' } }),
      });
      expect(states(qc)['10']!.last_read_id).toBe('30');
    });

    it('a role mention while my roles are unknown refetches the read states', async () => {
      const qc = withStates({});
      qc.removeQueries({ queryKey: keys.members('s') });
      const spy = vi.spyOn(qc, 'invalidateQueries').mockResolvedValue();
      apply(qc, { op: 'EVENT', t: 'MESSAGE_CREATE', s: 1, d: inChannel('40', { mention_roles: ['r'] }) });
      expect(spy).toHaveBeenCalledWith({ queryKey: keys.readStates });
      await Promise.resolve();
    });

    it('a window of older history gets no live messages appended after its gap', () => {
      const qc = client();
      historyWindow.set('c', true);
      apply(qc, { op: 'EVENT', t: 'MESSAGE_CREATE', s: 1, d: message('99') });
      expect(qc.getQueryData<HistoryData>(keys.messages('c'))!.pages[0]!.messages.map((m) => m.id)).toEqual([
        '5',
      ]);
      historyWindow.clear();
    });
  });

  it('member and role updates replace the cached ones; a deleted role leaves its members', () => {
    const qc = client();
    const role = {
      id: 'r',
      server_id: 's',
      name: 'Mod',
      permissions: '256',
      position: 1,
      created_at: '',
      color: 0,
      hoist: false,
      mentionable: false,
    };
    qc.setQueryData(keys.roles('s'), []);
    apply(qc, { op: 'EVENT', t: 'ROLE_CREATE', s: 1, d: { server_id: 's', role } });
    apply(qc, {
      op: 'EVENT',
      t: 'ROLE_UPDATE',
      s: 2,
      d: { server_id: 's', role: { ...role, color: 0xff0000 } },
    });
    expect(qc.getQueryData<{ color: number }[]>(keys.roles('s'))).toEqual([{ ...role, color: 0xff0000 }]);
    apply(qc, {
      op: 'EVENT',
      t: 'MEMBER_UPDATE',
      s: 3,
      d: { server_id: 's', member: { ...member('2'), roles: ['r'], nick: 'Bobby', status: 'offline' } },
    });
    const two = () => qc.getQueryData<Member[]>(keys.members('s'))!.find((m) => m.user.id === '2')!;
    expect(two()).toMatchObject({ nick: 'Bobby', roles: ['r'] });
    apply(qc, { op: 'EVENT', t: 'ROLE_DELETE', s: 4, d: { server_id: 's', role_id: 'r' } });
    expect(two().roles).toEqual([]);
    expect(qc.getQueryData(keys.roles('s'))).toEqual([]);
  });

  it('a bulk delete (a ban with a message window) drops every listed message', () => {
    const qc = client();
    apply(qc, {
      op: 'EVENT',
      t: 'MESSAGE_DELETE_BULK',
      s: 1,
      d: { ids: ['5'], channel_id: 'c', server_id: 's' },
    });
    expect(qc.getQueryData<HistoryData>(keys.messages('c'))!.pages[0]!.messages).toEqual([]);
  });
});
