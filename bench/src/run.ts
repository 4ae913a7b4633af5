/**
 * The benchmark harness: `npm run bench -- <scenario> [--sockets N] [--rate R|max]
 * [--duration S] [--backend embedded|nats] [--clients K] [--window W] [--connections C]
 * [--users U] [--messages N] [--no-ceiling | --ceiling-only] [--profile] [--out DIR]`. Writes one JSON result per run to
 * bench/results/ and prints a summary.
 */
import { pathToFileURL } from 'node:url';
import type { BackendName } from './lib/backend.ts';
import { writeResult, type BenchResult } from './lib/report.ts';
import { fdLimits } from './lib/proc.ts';
import { ServicesMissing } from './lib/targets.ts';
import { attention } from './scenarios/attention.ts';
import { ceiling } from './scenarios/ceiling.ts';
import type { RunOptions } from './scenarios/common.ts';
import { edges } from './scenarios/edges.ts';
import { fanout } from './scenarios/fanout.ts';
import { idle } from './scenarios/idle.ts';
import { rest } from './scenarios/rest.ts';
import { storm } from './scenarios/storm.ts';
import { voice } from './scenarios/voice.ts';
import { summarise } from './summary.ts';

export const SCENARIOS = { ceiling, fanout, idle, storm, rest, attention, voice, edges } as const;
export type ScenarioName = keyof typeof SCENARIOS;

/** Runs one scenario and writes its result file; returns the result and the file. */
export async function runScenario(
  name: ScenarioName,
  o: RunOptions,
): Promise<{ result: BenchResult; file: string }> {
  const result = await SCENARIOS[name](o);
  return { result, file: writeResult(result, o.outDir) };
}

export function parseArgs(argv: string[]): { name: ScenarioName; opts: RunOptions } {
  const [name, ...rest] = argv;
  if (!name || !(name in SCENARIOS))
    throw new Error(`usage: npm run bench -- <${Object.keys(SCENARIOS).join('|')}> [options]`);
  const opts: RunOptions = { backend: 'embedded' };
  const num = (flag: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number, got "${v}"`);
    return n;
  };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    const v = rest[i + 1];
    switch (flag) {
      case '--sockets':
        opts.sockets = Math.round(num(flag, v));
        i++;
        break;
      case '--rate':
        opts.rate = v === 'max' ? 'max' : num(flag, v);
        i++;
        break;
      case '--duration':
        opts.durationS = num(flag, v);
        i++;
        break;
      case '--clients':
        opts.clients = Math.round(num(flag, v));
        i++;
        break;
      case '--window':
        opts.window = Math.round(num(flag, v));
        i++;
        break;
      case '--connections':
        opts.connections = Math.round(num(flag, v));
        i++;
        break;
      case '--messages':
        opts.messages = Math.round(num(flag, v));
        i++;
        break;
      case '--users':
        opts.users = Math.round(num(flag, v));
        i++;
        break;
      case '--backend':
        if (v !== 'embedded' && v !== 'nats')
          throw new Error(`--backend must be embedded or nats, got "${v}"`);
        opts.backend = v as BackendName;
        i++;
        break;
      case '--out':
        if (!v) throw new Error('--out needs a directory');
        opts.outDir = v;
        i++;
        break;
      case '--no-ceiling':
        opts.ceiling = false;
        break;
      case '--ceiling-only':
        opts.system = false;
        break;
      case '--profile':
        opts.profile = true;
        break;
      case '--reactions':
        opts.reactions = true;
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  return { name: name as ScenarioName, opts };
}

async function main(): Promise<void> {
  const { name, opts } = parseArgs(process.argv.slice(2));
  const fd = fdLimits();
  const need = (opts.sockets ?? (name === 'idle' || name === 'storm' ? 10_000 : 1000)) + 1000;
  if (fd.soft !== null && fd.soft < need)
    console.warn(
      `warning: open-file limit ${fd.soft} < ${need}: raise it (ulimit -n ${need * 2}) or sockets will fail with EMFILE`,
    );
  const { result, file } = await runScenario(name, opts);
  console.log(summarise(result));
  console.log(`result: ${file}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      if (err instanceof ServicesMissing) console.error(`skipped: ${err.message}`);
      else console.error(err);
      process.exit(err instanceof ServicesMissing ? 2 : 1);
    },
  );
}
