import { describe, expect, it } from 'vitest';
import { SubscriptionIndex, type Subscriber } from './subscriptions.ts';

const sub = (): Subscriber => ({ subs: new Map() });

describe('SubscriptionIndex', () => {
  it('keeps the server and channel indexes the mirror of each subscriber', () => {
    const index = new SubscriptionIndex<Subscriber>();
    const [a, b] = [sub(), sub()];
    expect(index.addServer(a, 's1')).toBe(true);
    expect(index.addServer(a, 's1')).toBe(false);
    index.addServer(b, 's1');
    expect(index.addChannels(a, 's1', ['c1', 'c2', 'c1'])).toEqual(['c1', 'c2']);
    index.addChannels(b, 's1', ['c1']);
    expect(index.addChannels(a, 'not-subscribed', ['c9'])).toEqual([]);
    expect([...index.byChannel.get('c1')!]).toEqual([a, b]);
    expect([...index.byServer.get('s1')!]).toEqual([a, b]);

    expect(index.removeChannels(a, 's1', ['c1', 'c7'])).toEqual(['c1']);
    expect([...index.byChannel.get('c1')!]).toEqual([b]);
    expect(SubscriptionIndex.wants(a, 's1', 'c1')).toBe(false);
    expect(SubscriptionIndex.wants(a, 's1', 'c2')).toBe(true);
    expect(SubscriptionIndex.wants(a, 's1', undefined)).toBe(true);

    expect(index.removeServer(a, 's1')).toEqual(['c2']);
    expect(index.removeServer(a, 's1')).toBeNull();
    expect(index.byChannel.has('c2')).toBe(false);
    expect(index.removeAll(b)).toEqual(['s1']);
    expect(index.byServer.size).toBe(0);
    expect(index.byChannel.size).toBe(0);
  });
});
