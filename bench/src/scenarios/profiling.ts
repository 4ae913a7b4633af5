/** Where the server child's CPU profiles go. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS_DIR } from '../lib/report.ts';

export function profileDir(scenario: string, outDir?: string): string {
  const dir = join(outDir ?? RESULTS_DIR, 'profiles', `${scenario}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}
