/** `make run-edge`: the Edge on its own (reads .env; INTERNAL_SECRET required). */
import { exitOnConfigError } from '@twopointo/shared/server';
import { startEdge } from './index.ts';

try {
  const edge = await startEdge();
  edge.app.log.info({ url: edge.url }, 'edge listening');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    edge.app.log.info({ signal }, 'edge shutting down');
    edge.close().then(
      () => process.exit(0),
      (err: unknown) => {
        edge.app.log.error({ err }, 'edge shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (err) {
  exitOnConfigError(err);
}
