/** `make run-edge`: the Edge on its own (reads .env; INTERNAL_SECRET required). */
import { runUntilSignal } from '@twopointo/server-kit';
import { startEdge } from './index.ts';

const edge = await runUntilSignal(() => startEdge(), {
  onSignal: (signal) => edge.app.log.info({ signal }, 'edge shutting down'),
  onCloseError: (err) => edge.app.log.error({ err }, 'edge shutdown failed'),
});
edge.app.log.info({ url: edge.url }, 'edge listening');
