/** Config readers for the Janus settings Official and the Edge both read (same names, same rules). */
import { ConfigError, env } from '@twopointo/server-kit';

type Env = Record<string, string | undefined>;

/** JANUS_URLS: Janus WebSocket API URLs (ws:// or wss://), comma-separated; empty: voice is not set up. */
export const janusUrls = (e: Env, n: string): string[] => {
  const urls = env.list([])(e, n);
  for (const u of urls) {
    let url: URL | null = null;
    try {
      url = new URL(u);
    } catch {
      // reported below
    }
    if (!url || (url.protocol !== 'ws:' && url.protocol !== 'wss:'))
      throw new ConfigError(
        n,
        `must be comma-separated ws:// or wss:// URLs (Janus' WebSocket API), got "${u}"`,
      );
  }
  return urls.map((u) => u.replace(/\/+$/, ''));
};

/** JANUS_TOKEN_SECRET: Janus' `token_auth_secret`; required when JANUS_URLS is set. */
export const janusTokenSecret = (e: Env, n: string): string | undefined => {
  const v = env.optional()(e, n);
  if (v === undefined && janusUrls(e, 'JANUS_URLS').length > 0)
    throw new ConfigError(n, 'is required when JANUS_URLS is set');
  if (v !== undefined && !/^[\w.+/=-]{16,}$/.test(v))
    throw new ConfigError(n, 'must be at least 16 characters of [A-Za-z0-9_.+/=-]');
  return v;
};

export const janusConfig = {
  JANUS_URLS: janusUrls,
  JANUS_TOKEN_SECRET: janusTokenSecret,
};
