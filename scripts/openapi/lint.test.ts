import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { REPO_ROOT } from '@twopointo/server-kit';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_DIR, renderOpenApi } from './render.ts';

const run = promisify(execFile);

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

/** `redocly lint` with redocly.yaml (recommended rules) and .redocly.lint-ignore.yaml; no network. */
async function lint(file: string): Promise<LintReport> {
  const out = await run(
    `${REPO_ROOT}node_modules/.bin/redocly`,
    ['lint', file, '--format=json', '--config', `${REPO_ROOT}redocly.yaml`],
    {
      cwd: REPO_ROOT,
      // no telemetry, no update check against the registry
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    },
  ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  return JSON.parse(out.stdout) as LintReport;
}

describe('redocly lint over the OpenAPI documents as served', () => {
  let served: Record<string, string>;
  beforeAll(async () => {
    served = await renderOpenApi();
  });

  for (const name of ['identity', 'official'] as const) {
    it(`${name}: the committed document is the one the service serves, and it has no lint errors`, async () => {
      const file = `docs/openapi/${name}.json`;
      expect(
        readFileSync(`${OPENAPI_DIR}${name}.json`, 'utf8'),
        `${file} is stale (npm run gen:openapi)`,
      ).toBe(served[name]);
      const report = await lint(file);
      const errors = report.problems
        .filter((p) => p.severity === 'error')
        .map((p) => `${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`);
      expect(errors).toEqual([]);
      expect(report.totals.errors).toBe(0);
    });
  }
});
