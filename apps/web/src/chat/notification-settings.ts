/**
 * Notification settings per user: per server and per channel a level (all messages, only
 * mentions, nothing) and a mute. There is no server API for them yet, so they live in this
 * browser's localStorage behind this one module; a server-side store can replace `load`/`save`
 * without touching the callers.
 */
import { useSyncExternalStore } from 'react';

export type NotifyLevel = 'all' | 'mentions' | 'nothing';

export interface ScopeSettings {
  /** unset: inherit (a channel from its server, a server from the default) */
  level?: NotifyLevel;
  muted?: boolean;
}

export interface NotificationSettings {
  servers: Record<string, ScopeSettings>;
  channels: Record<string, ScopeSettings>;
}

/** Mentions notify by default (DMs, when the client has them, should default to every message). */
export const DEFAULT_SERVER_LEVEL: NotifyLevel = 'mentions';

const EMPTY: NotificationSettings = { servers: {}, channels: {} };
const storageKey = (userId: string) => `twopointo.notifications.${userId}`;

function load(userId: string): NotificationSettings {
  try {
    const raw = JSON.parse(localStorage.getItem(storageKey(userId)) ?? 'null') as NotificationSettings | null;
    if (raw && typeof raw.servers === 'object' && typeof raw.channels === 'object') return raw;
  } catch {
    // a broken value falls back to the defaults
  }
  return EMPTY;
}

function save(userId: string, settings: NotificationSettings): void {
  localStorage.setItem(storageKey(userId), JSON.stringify(settings));
}

type Listener = () => void;

export class NotificationSettingsStore {
  private userId: string | null = null;
  private settings: NotificationSettings = EMPTY;
  private readonly listeners = new Set<Listener>();

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  /** reads the signed-in user's settings (again when the user changes) */
  use(userId: string): void {
    if (this.userId === userId) return;
    this.userId = userId;
    this.settings = load(userId);
    this.emit();
  }

  get = (): NotificationSettings => this.settings;

  setServer(serverId: string, change: ScopeSettings): void {
    const servers = {
      ...this.settings.servers,
      [serverId]: { ...this.settings.servers[serverId], ...change },
    };
    this.update({ ...this.settings, servers });
  }

  setChannel(channelId: string, change: ScopeSettings): void {
    const channels = {
      ...this.settings.channels,
      [channelId]: { ...this.settings.channels[channelId], ...change },
    };
    this.update({ ...this.settings, channels });
  }

  /** back to nothing remembered (sign-out keeps what is stored for the next sign-in) */
  reset(): void {
    this.userId = null;
    this.settings = EMPTY;
    this.emit();
  }

  private update(next: NotificationSettings): void {
    this.settings = next;
    if (this.userId) save(this.userId, next);
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

export const notificationSettings = new NotificationSettingsStore();

export function useNotificationSettings(): NotificationSettings {
  return useSyncExternalStore(notificationSettings.subscribe, notificationSettings.get);
}

/** The level that applies in a channel: its own, else its server's, else the default. */
export function effectiveLevel(s: NotificationSettings, serverId: string, channelId: string): NotifyLevel {
  return s.channels[channelId]?.level ?? s.servers[serverId]?.level ?? DEFAULT_SERVER_LEVEL;
}

/** A channel is muted when it or its server is. */
export function isMuted(s: NotificationSettings, serverId: string, channelId: string): boolean {
  return !!(s.channels[channelId]?.muted || s.servers[serverId]?.muted);
}

/** Whether a message from someone else deserves a desktop notification under these settings. */
export function shouldNotify(
  s: NotificationSettings,
  msg: { server_id: string; channel_id: string },
  mentioned: boolean,
): boolean {
  if (isMuted(s, msg.server_id, msg.channel_id)) return false;
  const level = effectiveLevel(s, msg.server_id, msg.channel_id);
  return level === 'all' || (level === 'mentions' && mentioned);
}
