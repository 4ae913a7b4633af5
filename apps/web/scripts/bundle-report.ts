/**
 * First-load JavaScript of the built web client, per screen, from the build's manifest (its
 * import graph): what a browser must fetch before the screen can run. The sign-in screens load
 * the entry chunk and its static imports; the chat adds the lazily loaded ChatApp chunk and its
 * static imports. Sizes are raw, gzip (level 9) and brotli (the `.br` twin the build writes,
 * which the Edge serves to browsers that accept it). Run after `npx vite build`:
 *   npx tsx apps/web/scripts/bundle-report.ts [--json] [--dist DIR]
 * A build without a separate ChatApp chunk (before the split) counts everything for both screens.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  name?: string;
  isDynamicEntry?: boolean;
}

const distArg = process.argv.indexOf('--dist');
const DIST = distArg > 0 ? process.argv[distArg + 1]! : join(import.meta.dirname, '..', 'dist');
const manifestPath = join(DIST, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`no ${manifestPath}: run \`npx vite build\` in apps/web first`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, Chunk>;

/** the chunks a chunk needs before it runs: itself and its static imports, transitively */
function closure(key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`no chunk ${key} in the manifest`);
  into.add(key);
  for (const dep of chunk.imports ?? []) closure(dep, into);
  return into;
}

function sizes(keys: Set<string>) {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  const files: string[] = [];
  for (const key of keys) {
    const file = manifest[key]!.file;
    if (!file.endsWith('.js')) continue;
    const body = readFileSync(join(DIST, file));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
    const br = join(DIST, `${file}.br`);
    brotli += existsSync(br) ? readFileSync(br).length : body.length;
    files.push(file);
  }
  return { files, raw, gzip, brotli };
}

const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
// the chunk App's `lazy(() => import('./components/ChatApp.tsx'))` loads (keyed by source, or
// named after it when Rollup made it a shared chunk)
const chatKey = Object.keys(manifest).find(
  (k) =>
    k.endsWith('src/components/ChatApp.tsx') ||
    (manifest[k]!.isDynamicEntry && manifest[k]!.name === 'ChatApp'),
);
if (!entry) throw new Error('the manifest has no entry chunk');
const signIn = closure(entry);
const chat = chatKey ? closure(chatKey, new Set(signIn)) : signIn;
const report = {
  'sign-in': sizes(signIn),
  chat: sizes(chat),
};

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  for (const [screen, r] of Object.entries(report))
    console.log(
      `${screen.padEnd(8)} ${String(r.files.length).padStart(2)} files  raw ${kb(r.raw).padStart(10)}  gzip ${kb(r.gzip).padStart(9)}  brotli ${kb(r.brotli).padStart(9)}`,
    );
}
