import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  janusAvailable,
  janusGatherAddresses,
  janusGathersOnlyLoopback,
  loopbackNamespace,
  runInNamespace,
  startTestJanus,
} from './testing.ts';

const ns = loopbackNamespace();

describe('loopback-only media (network namespace)', () => {
  it.skipIf(ns.state === 'inside')(
    'outside a namespace Janus would gather no loopback address, so a media Janus is refused',
    async () => {
      // Janus skips loopback interfaces: whatever it would gather here is not on `lo`
      expect(janusGatherAddresses('lo')).toEqual([]);
      expect(janusGathersOnlyLoopback('127.0.0.1')).toBe(false);
      await expect(startTestJanus({ media: true })).rejects.toThrow(/not on loopback only/);
    },
  );

  it.skipIf(ns.state !== 'available' || !janusAvailable())(
    "inside the namespace Janus' SDP offers 127.0.0.1 and nothing else",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'twopointo-netns-'));
      try {
        const out = join(dir, 'candidates.json');
        const probe = join(import.meta.dirname, 'netns-probe.ts');
        expect(await runInNamespace(['npx', 'tsx', probe, out])).toBe(0);
        const addresses = JSON.parse(readFileSync(out, 'utf8')) as string[];
        expect(addresses.length).toBeGreaterThan(0);
        expect(new Set(addresses)).toEqual(new Set(['127.0.0.1']));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
