/**
 * The system under test in its own process: `startAll` from @twopointo/all (Identity, Official
 * and Edge on ephemeral ports). Options arrive as JSON in argv[2]; the URLs go back over IPC.
 */
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../lib/proc.ts';

interface Started {
  edgeUrl: string;
  identityUrl: string;
  officialUrl: string;
  close(): Promise<void>;
}
type StartAll = (opts: {
  dataDir?: string;
  ports?: Record<string, number>;
  env?: Record<string, string>;
}) => Promise<Started>;

const opts = JSON.parse(process.argv[2] ?? '{}') as { dataDir?: string; env?: Record<string, string> };
// imported by path so the harness type-checks before services/all lands
const mod = (await import(pathToFileURL(`${REPO_ROOT}services/all/src/index.ts`).href)) as {
  startAll: StartAll;
};
const sys = await mod.startAll({
  dataDir: opts.dataDir,
  ports: { identity: 0, official: 0, edge: 0 },
  env: opts.env ?? {},
});

let closing = false;
process.on('message', (m: { type: string }) => {
  if (m.type === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send!({ type: 'gc-done', memory: process.memoryUsage() });
  } else if (m.type === 'close' && !closing) {
    closing = true;
    // exit normally so --cpu-prof writes its profile
    setTimeout(() => process.exit(0), 8000).unref();
    sys.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  }
});
process.on('disconnect', () => {
  if (!closing) void sys.close().finally(() => process.exit(0));
});
process.send!({
  type: 'ready',
  edgeUrl: sys.edgeUrl,
  identityUrl: sys.identityUrl,
  officialUrl: sys.officialUrl,
});
