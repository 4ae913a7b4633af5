import { QueryClient } from '@tanstack/react-query';
import type { DmChannel, Message } from '@twopointo/shared';
import { describe, expect, it, vi } from 'vitest';
import { keys } from '../api/query-keys.ts';
import type { ReadStates } from '../chat/read-states.ts';
import { applyEvent } from '../gateway/apply-event.ts';
import type { GatewayEvent } from '../gateway/gateway-client.ts';
import { dmAttention, dmTitle } from './dm-cache.ts';

const ME = '1';
const dm = (id: string, last: string | null, extra: Partial<DmChannel> = {}): DmChannel => ({
  id,
  type: 'dm',
  name: null,
  owner_id: null,
  recipients: [{ id: '2', username: 'bob' }],
  last_message_id: last,
  created_at: '2026-01-01T00:00:00Z',
  ...extra,
});
const message = (id: string, channel: string, author = '2'): Message => ({
  id,
  channel_id: channel,
  server_id: null,
  type: 'default',
  reference_id: null,
  author: { id: author, username: `u${author}` },
  content: `m${id}`,
  attachments: [],
  mentions: [],
  mention_roles: [],
  mention_everyone: false,
  reactions: [],
  pinned: false,
  reply_to_id: null,
  created_at: '2026-01-01T00:00:00Z',
  edited_at: null,
});
const ev = (e: unknown) => e as GatewayEvent;

function client() {
  const qc = new QueryClient();
  qc.setQueryData<DmChannel[]>(keys.dms, [dm('20', '200'), dm('10', '100')]);
  qc.setQueryData<ReadStates>(keys.readStates, {
    '20': { channel_id: '20', last_read_id: '200', mention_count: 0 },
    '10': { channel_id: '10', last_read_id: '100', mention_count: 0 },
  });
  return qc;
}
const order = (qc: QueryClient) => qc.getQueryData<DmChannel[]>(keys.dms)!.map((d) => d.id);

describe('DM events in the cache', () => {
  it("another's message moves its DM to the top, marks it unread and counts it", () => {
    const qc = client();
    applyEvent(qc, ev({ op: 'EVENT', t: 'MESSAGE_CREATE', s: 1, d: message('300', '10') }), ME);
    expect(order(qc)).toEqual(['10', '20']);
    const a = dmAttention(qc.getQueryData(keys.dms), qc.getQueryData(keys.readStates));
    expect(a.dms['10']).toEqual({ unread: true, mentions: 1 });
    expect(a.dms['20']).toEqual({ unread: false, mentions: 0 });
    expect(a.total).toEqual({ unread: true, mentions: 1 });
  });

  it('our own message keeps the DM read', () => {
    const qc = client();
    applyEvent(qc, ev({ op: 'EVENT', t: 'MESSAGE_CREATE', s: 1, d: message('300', '10', ME) }), ME);
    expect(dmAttention(qc.getQueryData(keys.dms), qc.getQueryData(keys.readStates)).total).toEqual({
      unread: false,
      mentions: 0,
    });
  });

  it('DM_CHANNEL_CREATE adds a DM in activity order; DM_CHANNEL_UPDATE renames it', () => {
    const qc = client();
    applyEvent(
      qc,
      ev({ op: 'EVENT', t: 'DM_CHANNEL_CREATE', s: 1, d: dm('400', null, { type: 'group_dm' }) }),
      ME,
    );
    expect(order(qc)).toEqual(['400', '20', '10']);
    applyEvent(
      qc,
      ev({
        op: 'EVENT',
        t: 'DM_CHANNEL_UPDATE',
        s: 2,
        d: dm('400', null, { type: 'group_dm', name: 'Trip' }),
      }),
      ME,
    );
    expect(dmTitle(qc.getQueryData<DmChannel[]>(keys.dms)![0]!)).toBe('Trip');
  });

  it('DM_CHANNEL_DELETE (we closed it) takes the DM off our list; its next message asks the server for the list again', () => {
    const qc = client();
    applyEvent(qc, ev({ op: 'EVENT', t: 'DM_CHANNEL_DELETE', s: 1, d: { id: '20' } }), ME);
    expect(order(qc)).toEqual(['10']);
    const refetch = vi.spyOn(qc, 'invalidateQueries');
    applyEvent(qc, ev({ op: 'EVENT', t: 'MESSAGE_CREATE', s: 2, d: message('500', '20') }), ME);
    expect(refetch).toHaveBeenCalledWith({ queryKey: keys.dms });
  });

  it('recipients come and go; when we are removed the DM leaves our list', () => {
    const qc = client();
    const carol = { id: '3', username: 'carol' };
    applyEvent(
      qc,
      ev({ op: 'EVENT', t: 'CHANNEL_RECIPIENT_ADD', s: 1, d: { channel_id: '20', user: carol } }),
      ME,
    );
    expect(dmTitle(qc.getQueryData<DmChannel[]>(keys.dms)![0]!)).toBe('bob, carol');
    applyEvent(
      qc,
      ev({ op: 'EVENT', t: 'CHANNEL_RECIPIENT_REMOVE', s: 2, d: { channel_id: '20', user: carol } }),
      ME,
    );
    expect(dmTitle(qc.getQueryData<DmChannel[]>(keys.dms)![0]!)).toBe('bob');
    applyEvent(
      qc,
      ev({
        op: 'EVENT',
        t: 'CHANNEL_RECIPIENT_REMOVE',
        s: 3,
        d: { channel_id: '20', user: { id: ME, username: 'me' } },
      }),
      ME,
    );
    expect(order(qc)).toEqual(['10']);
  });
});
