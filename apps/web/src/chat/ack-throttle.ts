/**
 * Sends read acks at most once per interval per channel: the first at once, later ones
 * folded into one trailing ack of the newest message asked for. Never re-sends a message
 * already acked (the server's marker never moves back anyway).
 */
import { compareIds } from './message-cache.ts';

export const ACK_INTERVAL_MS = 3_000;

export interface AckThrottle {
  /** ask for `mid` to be acked in `channelId` */
  ack(channelId: string, mid: string): void;
  /** send the waiting acks now (the tab is being hidden: a reload or close may follow) */
  flush(): void;
  /** drop every timer (sign-out) */
  clear(): void;
}

interface ChannelState {
  lastSentAt: number;
  lastSentId: string | null;
  waiting: string | null;
  timer: ReturnType<typeof setTimeout> | null;
}

export function createAckThrottle(
  send: (channelId: string, mid: string) => Promise<unknown>,
  opts: { intervalMs?: number; now?: () => number } = {},
): AckThrottle {
  const interval = opts.intervalMs ?? ACK_INTERVAL_MS;
  const now = opts.now ?? Date.now;
  const channels = new Map<string, ChannelState>();

  const fire = (channelId: string, st: ChannelState, mid: string) => {
    st.lastSentAt = now();
    st.lastSentId = mid;
    st.waiting = null;
    // a lost ack is not worth a toast: the next one carries the same marker further
    send(channelId, mid).catch(() => undefined);
  };

  return {
    ack(channelId, mid) {
      let st = channels.get(channelId);
      if (!st) {
        st = { lastSentAt: -Infinity, lastSentId: null, waiting: null, timer: null };
        channels.set(channelId, st);
      }
      if (st.lastSentId !== null && compareIds(mid, st.lastSentId) <= 0) return;
      if (st.waiting !== null && compareIds(mid, st.waiting) <= 0) return;
      const due = st.lastSentAt + interval - now();
      if (due <= 0 && !st.timer) {
        fire(channelId, st, mid);
        return;
      }
      st.waiting = mid;
      if (!st.timer) {
        const s = st;
        s.timer = setTimeout(() => {
          s.timer = null;
          if (s.waiting !== null) fire(channelId, s, s.waiting);
        }, due);
      }
    },
    flush() {
      for (const [channelId, st] of channels) {
        if (st.timer) clearTimeout(st.timer);
        st.timer = null;
        if (st.waiting !== null) fire(channelId, st, st.waiting);
      }
    },
    clear() {
      for (const st of channels.values()) if (st.timer) clearTimeout(st.timer);
      channels.clear();
    },
  };
}
