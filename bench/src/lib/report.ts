/** Result files and the facts about the machine every result carries. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { BENCH_ROOT, fdLimits } from './proc.ts';

export const RESULTS_DIR = join(BENCH_ROOT, 'results');

export function machine() {
  let cpu = 'unknown';
  try {
    cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch {
    /* not Linux */
  }
  return {
    nproc: availableParallelism(),
    cpu,
    kernel: release(),
    node: process.version,
    mem_gib: Math.round(totalmem() / 2 ** 30),
    fd_limit: fdLimits(),
    /** other work on the machine when the result was written: figures are only comparable when low */
    loadavg_1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}

export interface BenchResult {
  scenario: string;
  backend: string;
  started_at: string;
  machine: ReturnType<typeof machine>;
  params: Record<string, unknown>;
  [k: string]: unknown;
}

/** Writes <scenario>-<backend>-<timestamp>.json and returns its path. */
export function writeResult(result: BenchResult, dir = RESULTS_DIR): string {
  mkdirSync(dir, { recursive: true });
  const stamp = result.started_at.replace(/[:.]/g, '-');
  const file = join(dir, `${result.scenario}-${result.backend}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

export const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a === null || a === undefined || !b ? null : Math.round((a / b) * 1000) / 1000;
