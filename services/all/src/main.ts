/** `make dev` / `npm start`: the whole system in one process on the embedded default. */
import { runUntilSignal } from '@twopointo/server-kit';
import { startAll } from './index.ts';

async function main(): Promise<void> {
  const system = await runUntilSignal(() => startAll(), {
    onSignal: (signal) => console.log(`\n${signal}: shutting down…`),
    onCloseError: (err) => console.error(err),
  });
  const mode = [
    system.database.kind === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL',
    system.bus.kind === 'memory' ? 'in-process bus' : 'NATS JetStream',
    system.cache.kind === 'memory' ? 'in-memory cache' : 'Redis',
    system.storage.kind === 'local' ? 'local-disk storage' : 'S3 storage',
  ].join(', ');
  console.log(`
  twopointo is running (${mode})

    Web client  ${system.edgeUrl.replace('127.0.0.1', 'localhost')}
    Edge        ${system.edgeUrl}   (REST /id/* /api/*, WebSocket /ws)
    Identity    ${system.identityUrl}   (internal)
    Official    ${system.officialUrl}   (internal)

  Ctrl+C to stop.
`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
