/** The one way a service starts: build with what it opens, listen, close what it opened. */
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { ResourceStack } from '@twopointo/server-kit';
import type { GivenBackends } from './backends.ts';

/** What startService needs of an app: Fastify's listen/close and its HTTP server. */
export interface Listenable {
  listen(options: { host: string; port: number; backlog?: number }): Promise<string>;
  close(): PromiseLike<unknown>;
  readonly server: { address(): AddressInfo | string | null };
}

export interface ServiceStart<T extends { app: Listenable }> {
  host: string;
  /** 0 picks a free port */
  port: number;
  /** pending-connection queue of the listening socket (Node's default is 511) */
  backlog?: number;
  /**
   * Opens what the service needs and builds it (not listening). Whatever it adopts into `owned`
   * is closed with the service, newest first, and also when start-up fails half-way.
   */
  build(owned: ResourceStack): Promise<T>;
}

export type RunningService<T> = T & {
  /** http://host:port actually bound */
  url: string;
  close(): Promise<void>;
};

export async function startService<T extends { app: Listenable }>(
  start: ServiceStart<T>,
): Promise<RunningService<T>> {
  const owned = new ResourceStack();
  let built: T | undefined;
  try {
    built = await start.build(owned);
    const { app } = built;
    await app.listen({ host: start.host, port: start.port, backlog: start.backlog });
    return {
      ...built,
      url: boundUrl(app, start.host, start.port),
      close: async () => {
        await app.close();
        await owned.close();
      },
    };
  } catch (err) {
    await Promise.resolve(built?.app.close()).catch(() => undefined);
    await owned.close();
    throw err;
  }
}

function boundUrl(app: Listenable, host: string, fallbackPort: number): string {
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : fallbackPort;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** What every start<Service>() takes: its config (or overrides of the environment) and shared backends. */
export interface StartOptions<C> extends GivenBackends {
  /** a full config; otherwise read from the environment with `overrides` */
  config?: C;
  overrides?: Partial<Record<keyof C, string>>;
  /** a pino logger to share (all-in-one); otherwise one is made from LOG_LEVEL */
  logger?: FastifyBaseLogger;
}
