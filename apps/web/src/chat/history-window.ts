/**
 * Which channels show a window of history that does not reach the present (after jumping to
 * an older message with `around=`): live messages are not appended there, since they would
 * sit after a gap; "Jump to present" reloads the newest page and ends it.
 */
import { useSyncExternalStore } from 'react';

type Listener = () => void;

export class HistoryWindowStore {
  private readonly detached = new Set<string>();
  private readonly listeners = new Set<Listener>();

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  isDetached(channelId: string): boolean {
    return this.detached.has(channelId);
  }

  set(channelId: string, detached: boolean): void {
    if (detached === this.detached.has(channelId)) return;
    if (detached) this.detached.add(channelId);
    else this.detached.delete(channelId);
    for (const l of this.listeners) l();
  }

  clear(): void {
    this.detached.clear();
    for (const l of this.listeners) l();
  }
}

export const historyWindow = new HistoryWindowStore();

export function useDetached(channelId: string): boolean {
  return useSyncExternalStore(historyWindow.subscribe, () => historyWindow.isDetached(channelId));
}
