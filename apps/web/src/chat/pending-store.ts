/** Optimistic messages per channel, outside React so they survive switching channels. */
import { useSyncExternalStore } from 'react';
import type { PendingMessage } from './message-cache.ts';

type Listener = () => void;

export class PendingStore {
  private byChannel = new Map<string, PendingMessage[]>();
  private readonly listeners = new Set<Listener>();
  private static readonly EMPTY: PendingMessage[] = [];

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  get(channelId: string): PendingMessage[] {
    return this.byChannel.get(channelId) ?? PendingStore.EMPTY;
  }

  private set(channelId: string, list: PendingMessage[]): void {
    if (list.length === 0) this.byChannel.delete(channelId);
    else this.byChannel.set(channelId, list);
    for (const l of this.listeners) l();
  }

  add(p: PendingMessage): void {
    this.set(p.channel_id, [...this.get(p.channel_id), p]);
  }

  patch(channelId: string, nonce: string, change: Partial<PendingMessage>): void {
    this.set(
      channelId,
      this.get(channelId).map((p) => (p.nonce === nonce ? { ...p, ...change } : p)),
    );
  }

  remove(channelId: string, nonce: string): void {
    this.set(
      channelId,
      this.get(channelId).filter((p) => p.nonce !== nonce),
    );
  }

  /** Forgets entries already replaced by their real message (or whose message was deleted). */
  prune(channelId: string, keep: (p: PendingMessage) => boolean): void {
    const list = this.get(channelId);
    const next = list.filter(keep);
    if (next.length !== list.length) this.set(channelId, next);
  }

  clear(): void {
    this.byChannel = new Map();
    for (const l of this.listeners) l();
  }
}

export const pendingStore = new PendingStore();

export function usePending(channelId: string): PendingMessage[] {
  return useSyncExternalStore(pendingStore.subscribe, () => pendingStore.get(channelId));
}
