/** Who is typing where: TYPING_START lasts 10 s unless that user's message arrives first. */
import { useSyncExternalStore } from 'react';

const TYPING_MS = 10_000;

interface Typist {
  user_id: string;
  username: string;
  until: number;
}

type Listener = () => void;

export class TypingStore {
  private byChannel = new Map<string, Typist[]>();
  private readonly listeners = new Set<Listener>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private static readonly EMPTY: Typist[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  get(channelId: string): Typist[] {
    return this.byChannel.get(channelId) ?? TypingStore.EMPTY;
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }

  start(channelId: string, userId: string, username: string): void {
    const others = this.get(channelId).filter((t) => t.user_id !== userId);
    this.byChannel.set(channelId, [...others, { user_id: userId, username, until: this.now() + TYPING_MS }]);
    this.emit();
    this.timer ??= setInterval(() => this.expire(), 1000);
  }

  stop(channelId: string, userId: string): void {
    const list = this.get(channelId);
    if (!list.some((t) => t.user_id === userId)) return;
    const next = list.filter((t) => t.user_id !== userId);
    if (next.length) this.byChannel.set(channelId, next);
    else this.byChannel.delete(channelId);
    this.emit();
  }

  expire(): void {
    const now = this.now();
    let changed = false;
    for (const [cid, list] of this.byChannel) {
      const next = list.filter((t) => t.until > now);
      if (next.length === list.length) continue;
      changed = true;
      if (next.length) this.byChannel.set(cid, next);
      else this.byChannel.delete(cid);
    }
    if (this.byChannel.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    if (changed) this.emit();
  }

  clear(): void {
    this.byChannel = new Map();
    this.emit();
  }
}

/** "alice is typing…", "alice and bob are typing…", "Several people are typing…". */
export function typingText(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are typing…`;
  return 'Several people are typing…';
}

export const typingStore = new TypingStore();

export function useTyping(channelId: string): Typist[] {
  return useSyncExternalStore(typingStore.subscribe, () => typingStore.get(channelId));
}
