import type { Message } from '@twopointo/shared';
import { describe, expect, it } from 'vitest';
import {
  compareIds,
  flattenHistory,
  removeMessage,
  timeline,
  updateMessage,
  upsertMessage,
  type HistoryData,
  type PendingMessage,
} from './message-cache.ts';

const ME = '100';

function m(id: string, content = `m${id}`, author = ME): Message {
  return {
    id,
    channel_id: 'c1',
    server_id: 's1',
    author: { id: author, username: author === ME ? 'me' : 'other' },
    content,
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    reactions: [],
    pinned: false,
    type: 'default',
    reference_id: null,
    reply_to_id: null,
    created_at: new Date(2026, 0, 1, 12, 0, Number(id) % 60).toISOString(),
    edited_at: null,
  };
}

function pending(nonce: string, content: string, extra: Partial<PendingMessage> = {}): PendingMessage {
  return {
    nonce,
    channel_id: 'c1',
    content,
    reply_to_id: null,
    attachment_ids: [],
    attachment_names: [],
    created_at: new Date().toISOString(),
    after_id: null,
    status: 'sending',
    ...extra,
  };
}

const data = (...pages: Message[][]): HistoryData => ({
  pages: pages.map((messages, i) => ({ messages, has_more: i < pages.length - 1 })),
  pageParams: pages.map(() => undefined),
});

describe('history cache', () => {
  it('compares snowflakes numerically', () => {
    expect(compareIds('9', '10')).toBeLessThan(0);
    expect(compareIds('1234567890123456789', '1234567890123456788')).toBeGreaterThan(0);
  });

  it('flattens newest-first pages to oldest-first without duplicates', () => {
    const d = data([m('5'), m('4')], [m('4'), m('3'), m('2')]);
    expect(flattenHistory(d).map((x) => x.id)).toEqual(['2', '3', '4', '5']);
  });

  it('inserts a live message once, however often it arrives', () => {
    let d: HistoryData | undefined = data([m('5'), m('4')]);
    d = upsertMessage(d, m('6'));
    d = upsertMessage(d, m('6'));
    expect(flattenHistory(d).map((x) => x.id)).toEqual(['4', '5', '6']);
  });

  it('keeps order when an older message arrives late', () => {
    const d = upsertMessage(data([m('10'), m('8')]), m('9'));
    expect(d!.pages[0]!.messages.map((x) => x.id)).toEqual(['10', '9', '8']);
  });

  it('updates and removes in any page', () => {
    const d = data([m('5')], [m('3')]);
    const edited = { ...m('3', 'edited'), edited_at: new Date().toISOString() };
    expect(flattenHistory(updateMessage(d, edited)).find((x) => x.id === '3')!.content).toBe('edited');
    expect(flattenHistory(removeMessage(d, '3')).map((x) => x.id)).toEqual(['5']);
    expect(removeMessage(d, '404')).toBe(d);
  });

  it('ignores events for a channel that is not loaded', () => {
    expect(upsertMessage(undefined, m('1'))).toBeUndefined();
  });
});

describe('timeline (optimistic messages)', () => {
  it('shows a pending message after the confirmed ones', () => {
    const t = timeline([m('1', 'hi', 'other')], [pending('a', 'hello')], ME);
    expect(t.map((e) => e.kind)).toEqual(['message', 'pending']);
  });

  it('drops the pending copy once its POST answer id is in history', () => {
    const t = timeline([m('1'), m('2', 'hello')], [pending('a', 'hello', { resolved_id: '2' })], ME);
    expect(t).toHaveLength(2);
    expect(t.every((e) => e.kind === 'message')).toBe(true);
  });

  it('holds back the live echo that beat the POST answer, so nothing shows twice', () => {
    const t = timeline([m('1', 'hello'), m('2', 'hello')], [pending('a', 'hello', { after_id: '1' })], ME);
    expect(t.map((e) => (e.kind === 'message' ? e.message.id : 'pending'))).toEqual(['1', 'pending']);
  });

  it('matches each echo to one pending message only', () => {
    const t = timeline([m('2', 'x')], [pending('a', 'x'), pending('b', 'x')], ME);
    expect(t.map((e) => (e.kind === 'message' ? e.message.id : e.pending.nonce))).toEqual(['a', 'b']);
  });

  it('never hides other people’s messages or older own ones', () => {
    const t = timeline([m('1', 'x'), m('3', 'x', '200')], [pending('a', 'x', { after_id: '2' })], ME);
    expect(t.map((e) => (e.kind === 'message' ? e.message.id : 'pending'))).toEqual(['1', '3', 'pending']);
  });

  it('keeps failed messages visible', () => {
    const t = timeline([], [pending('a', 'oops', { status: 'failed', error: 'nope' })], ME);
    expect(t).toEqual([{ kind: 'pending', pending: expect.objectContaining({ status: 'failed' }) }]);
  });
});
