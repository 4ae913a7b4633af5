/** Test-only: an Edge on an ephemeral port in front of fake Identity/Official upstreams. */
import type { EventBus } from '@twopointo/bus';
import { MemoryBus } from '@twopointo/bus';
import type { Cache } from '@twopointo/cache';
import { MemoryCache } from '@twopointo/cache';
import { readEdgeConfig, type EdgeConfig } from '../config.ts';
import { startEdge, type RunningEdge } from '../index.ts';
import { startFakeUpstream, type FakeUpstream } from './fake-upstream.ts';
import { makeTokenKit, type TokenKit } from './tokens.ts';

export const TEST_SECRET = 'edge-test-internal-secret';

export interface TestEdge {
  edge: RunningEdge;
  url: string;
  identity: FakeUpstream;
  official: FakeUpstream;
  kit: TokenKit;
  bus: EventBus;
  cache: Cache;
  config: EdgeConfig;
  close(): Promise<void>;
}

export interface TestEdgeOptions {
  overrides?: Partial<Record<keyof EdgeConfig, string>>;
  bus?: EventBus;
  cache?: Cache;
  /** reuse upstreams/keys across Edges (e.g. two Edges, or restart) */
  identity?: FakeUpstream;
  official?: FakeUpstream;
  kit?: TokenKit;
}

// RSA key generation is slow; one kit serves every Edge a test file starts
let sharedKit: Promise<TokenKit> | undefined;

export async function startTestEdge(opts: TestEdgeOptions = {}): Promise<TestEdge> {
  const kit = opts.kit ?? (await (sharedKit ??= makeTokenKit()));
  const identity = opts.identity ?? (await startFakeUpstream({ jwks: kit.jwks }));
  const official = opts.official ?? (await startFakeUpstream({ secret: TEST_SECRET }));
  const bus = opts.bus ?? new MemoryBus();
  const cache = opts.cache ?? new MemoryCache();
  const config = readEdgeConfig(
    {
      HOST: '127.0.0.1',
      EDGE_PORT: '0',
      IDENTITY_URL: identity.url,
      OFFICIAL_URL: official.url,
      INTERNAL_SECRET: TEST_SECRET,
      LOG_LEVEL: 'silent',
      WEB_DIST: '/nonexistent-web-dist',
      ...opts.overrides,
    },
    {},
  );
  const edge = await startEdge({ config, bus, cache, storage: null });
  return {
    edge,
    url: edge.url,
    identity,
    official,
    kit,
    bus,
    cache,
    config,
    close: async () => {
      await edge.close();
      if (!opts.bus) await bus.close();
      if (!opts.cache) await cache.close();
      if (!opts.identity) await identity.close();
      if (!opts.official) await official.close();
    },
  };
}
