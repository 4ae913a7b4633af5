import { describe, expect, it } from 'vitest';
import { ReadCache } from './read-cache.ts';

type Box = { v: number };

describe('ReadCache', () => {
  it('serves a stored value until a change of one of its scopes', () => {
    const cache = new ReadCache(true);
    const reads = cache.reads<Box>('test');
    reads.set('k', cache.ticket(), [{ server: '1' }, { channel: '10' }], { v: 1 });
    expect(reads.get('k')).toEqual({ v: 1 });
    cache.changed({ t: 'MESSAGE_CREATE', server_id: '2', channel_id: '20' });
    cache.changed({ t: 'CHANNEL_UPDATE', server_id: '2' });
    expect(reads.get('k')).toEqual({ v: 1 });
    cache.changed({ t: 'MESSAGE_UPDATE', server_id: '1', channel_id: '10' });
    expect(reads.get('k')).toBeUndefined();
  });

  it('a message event invalidates its channel only; any other event its whole server', () => {
    const cache = new ReadCache(true);
    const reads = cache.reads<Box>('test');
    const fill = () => {
      const t = cache.ticket();
      reads.set('a', t, [{ channel: '10' }, { server: '1' }], { v: 1 });
      reads.set('b', t, [{ channel: '11' }, { server: '1' }], { v: 2 });
      reads.set('ctx', t, [{ server: '1' }], { v: 3 });
    };
    fill();
    cache.changed({ t: 'MESSAGE_DELETE', server_id: '1', channel_id: '10' });
    expect([reads.get('a'), reads.get('b'), reads.get('ctx')]).toEqual([undefined, { v: 2 }, { v: 3 }]);
    fill();
    cache.changed({ t: 'PERMISSIONS_UPDATE', server_id: '1' });
    expect([reads.get('a'), reads.get('b'), reads.get('ctx')]).toEqual([undefined, undefined, undefined]);
  });

  it('a user-addressed event (a read marker moving) invalidates nothing', () => {
    const cache = new ReadCache(true);
    const reads = cache.reads<Box>('test');
    reads.set('ctx', cache.ticket(), [{ server: '1' }, { channel: '10' }], { v: 1 });
    cache.changed({ t: 'READ_STATE_UPDATE', server_id: '', user_id: '7' });
    cache.published({ t: 'READ_STATE_UPDATE', server_id: '', user_id: '7' });
    expect(reads.get('ctx')).toEqual({ v: 1 });
  });

  it('never stores what was read while a change of its scope committed', () => {
    const cache = new ReadCache(true);
    const reads = cache.reads<Box>('test');
    const ticket = cache.ticket();
    // the read is in flight; a change commits; the (possibly old) answer must not be kept
    cache.changed({ t: 'MEMBER_LEAVE', server_id: '1' });
    reads.set('k', ticket, [{ server: '1' }], { v: 1 });
    expect(reads.get('k')).toBeUndefined();
    // a read that started after the change is kept
    reads.set('k', cache.ticket(), [{ server: '1' }], { v: 2 });
    expect(reads.get('k')).toEqual({ v: 2 });
  });

  it('through() loads once, keeps only what scopesOf allows, and loads again after a change', async () => {
    const cache = new ReadCache(true);
    const reads = cache.reads<Box>('test');
    let loads = 0;
    const load = async () => ({ v: ++loads });
    const member = () => [{ server: '1' }];
    expect(await reads.through('k', load, member)).toEqual({ v: 1 });
    expect(await reads.through('k', load, member)).toEqual({ v: 1 });
    expect(loads).toBe(1);
    expect(await reads.through('n', load, () => null)).toEqual({ v: 2 });
    expect(await reads.through('n', load, () => null)).toEqual({ v: 3 });
    cache.changed({ t: 'SERVER_UPDATE', server_id: '1' });
    expect(await reads.through('k', load, member)).toEqual({ v: 4 });
    expect([reads.hits, reads.misses]).toEqual([1, 4]);
  });

  it('a change during a through() load is not hidden by it', async () => {
    const cache = new ReadCache(true);
    const reads = cache.reads<Box>('test');
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const first = reads.through(
      'k',
      async () => {
        await slow;
        return { v: 1 };
      },
      () => [{ channel: '10' }],
    );
    cache.changed({ t: 'MESSAGE_CREATE', server_id: '1', channel_id: '10' });
    release();
    expect(await first).toEqual({ v: 1 });
    expect(
      await reads.through(
        'k',
        async () => ({ v: 2 }),
        () => [{ channel: '10' }],
      ),
    ).toEqual({ v: 2 });
  });

  it('disabled: always loads, never stores', async () => {
    const cache = new ReadCache(false);
    const reads = cache.reads<Box>('test');
    let loads = 0;
    await reads.through(
      'k',
      async () => ({ v: ++loads }),
      () => [{ server: '1' }],
    );
    await reads.through(
      'k',
      async () => ({ v: ++loads }),
      () => [{ server: '1' }],
    );
    expect(loads).toBe(2);
    expect(reads.size).toBe(0);
  });

  it('bounds its entries (least recently used go first)', () => {
    const cache = new ReadCache(true, { maxEntries: 2 });
    const reads = cache.reads<Box>('test');
    const t = cache.ticket();
    reads.set('a', t, [], { v: 1 });
    reads.set('b', t, [], { v: 2 });
    expect(reads.get('a')).toEqual({ v: 1 });
    reads.set('c', t, [], { v: 3 });
    expect([reads.get('a'), reads.get('b'), reads.get('c')]).toEqual([{ v: 1 }, undefined, { v: 3 }]);
  });

  it('bounds a kind by estimated bytes when given a size', () => {
    const cache = new ReadCache(true);
    const reads = cache.reads<Box>('sized', { maxBytes: 100, sizeOf: (b) => b.v });
    const t = cache.ticket();
    reads.set('a', t, [], { v: 60 });
    reads.set('b', t, [], { v: 30 });
    expect([reads.get('a'), reads.get('b')]).toEqual([{ v: 60 }, { v: 30 }]);
    reads.set('c', t, [], { v: 50 });
    expect([reads.get('a'), reads.get('b'), reads.get('c')]).toEqual([undefined, { v: 30 }, { v: 50 }]);
  });

  it('an event this process committed is not applied again when it arrives over the bus', () => {
    const cache = new ReadCache(true);
    const reads = cache.reads<Box>('test');
    cache.changed({ id: 'e1', t: 'MESSAGE_CREATE', server_id: '1', channel_id: '10' });
    // read after the commit, before the event comes back
    reads.set('page', cache.ticket(), [{ channel: '10' }], { v: 1 });
    cache.published({ id: 'e1', t: 'MESSAGE_CREATE', server_id: '1', channel_id: '10' });
    expect(reads.get('page')).toEqual({ v: 1 });
    // an event committed elsewhere does invalidate
    cache.published({ id: 'e2', t: 'MESSAGE_CREATE', server_id: '1', channel_id: '10' });
    expect(reads.get('page')).toBeUndefined();
  });
});
