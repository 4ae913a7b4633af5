/**
 * The signed-in session: the access token lives in memory, the refresh token in localStorage.
 * Refreshes run single-flight (a rotated refresh token used twice revokes the whole family),
 * are scheduled a minute before the access token expires, and follow other tabs' rotations.
 */
import type { TokenPair } from '@twopointo/shared';
import { ApiError, apiErrorOf } from './api-error.ts';
import { publicIdentityClient, withToken } from './transport.ts';

export const REFRESH_KEY = 'twopointo.refresh_token';
const EARLY_MS = 60_000;

type Listener = () => void;

export class AuthSession {
  private accessToken: string | null = null;
  private accessExpiresAt = 0;
  private refreshing: Promise<string> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly storage: Storage = window.localStorage) {
    window.addEventListener('storage', (e) => {
      if (e.key !== REFRESH_KEY) return;
      // another tab rotated or cleared the token: ours is stale now
      if (e.newValue === null) this.clear();
      else this.accessExpiresAt = 0;
    });
  }

  get signedIn(): boolean {
    return this.accessToken !== null;
  }

  get refreshToken(): string | null {
    return this.storage.getItem(REFRESH_KEY);
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    for (const l of this.listeners) l();
  }

  /** Stores a fresh pair from verify, recover or refresh. */
  setTokens(pair: TokenPair): void {
    const wasSignedIn = this.signedIn;
    this.accessToken = pair.access_token;
    this.accessExpiresAt = Date.now() + pair.expires_in * 1000;
    this.storage.setItem(REFRESH_KEY, pair.refresh_token);
    this.schedule(pair.expires_in * 1000);
    if (!wasSignedIn) this.emit();
  }

  private schedule(lifetimeMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    const delay = Math.max(5_000, lifetimeMs - EARLY_MS);
    this.timer = setTimeout(() => {
      this.refresh().catch(() => undefined);
    }, delay);
  }

  /** A usable access token, refreshed first when it is about to expire. */
  async getAccessToken(): Promise<string> {
    if (this.accessToken && Date.now() < this.accessExpiresAt - 5_000) return this.accessToken;
    return this.refresh();
  }

  /** Rotates the refresh token; one request at a time however many callers ask. */
  refresh(): Promise<string> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async doRefresh(): Promise<string> {
    const token = this.refreshToken;
    if (!token) {
      this.clear();
      throw new ApiError(401, 'unauthorized', 'Please sign in.');
    }
    const {
      data: pair,
      error,
      response: res,
    } = await publicIdentityClient.POST('/auth/refresh', {
      body: { refresh_token: token },
    });
    if (!pair) {
      const err = apiErrorOf(res, error);
      // the token is dead (expired, revoked or reused): the session is over
      if (res.status === 400 || res.status === 401 || res.status === 403) {
        this.clear();
        throw new ApiError(401, err.code, 'Your session has ended. Please sign in again.');
      }
      throw err;
    }
    this.setTokens(pair);
    return pair.access_token;
  }

  /** Signs in again from a stored refresh token (page reload); false when there is none or it is dead. */
  async restore(): Promise<boolean> {
    if (!this.refreshToken) return false;
    try {
      await this.refresh();
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return false;
      throw err;
    }
  }

  /** Revokes the refresh token on the server (best effort) and forgets both tokens. */
  async logout(): Promise<void> {
    const refresh = this.refreshToken;
    const access = this.accessToken;
    this.clear();
    if (!refresh || !access) return;
    try {
      await publicIdentityClient.POST('/auth/logout', {
        headers: withToken(access),
        body: { refresh_token: refresh },
      });
    } catch {
      // offline: the token expires on its own
    }
  }

  clear(): void {
    const wasSignedIn = this.signedIn;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.accessToken = null;
    this.accessExpiresAt = 0;
    this.storage.removeItem(REFRESH_KEY);
    if (wasSignedIn) this.emit();
  }
}

export const session = new AuthSession();
