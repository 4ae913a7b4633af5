/**
 * What the voice journey needs beyond the shared harness: the test Janus (loaded without
 * type-checking the server packages into the web client), the loopback network namespace the
 * journey re-runs itself in, and what a page's PeerConnections say about where media goes.
 */
import type { Page } from 'playwright-core';

export interface TestJanus {
  env: Record<string, string>;
  adminUrl: string;
  adminSecret: string;
  dir: string;
  stop(): Promise<void>;
}

type Namespace = { state: 'inside' | 'available' } | { state: 'none'; reason: string };

interface JanusTesting {
  janusAvailable(): boolean;
  startTestJanus(opts?: { media?: boolean; debugLevel?: number }): Promise<TestJanus>;
  loopbackNamespace(): Namespace;
  runInNamespace(argv: readonly string[], opts?: { cwd?: string }): Promise<number>;
}

// a non-literal specifier keeps the server packages out of the web client's type check
const janusSpecifier = '@twopointo/janus/testing';
export const janusTesting = (await import(janusSpecifier).catch(() => null)) as JanusTesting | null;

/** Why the journey cannot run here, or null. */
export function voiceSkipReason(): string | null {
  if (!janusTesting?.startTestJanus) return 'startTestJanus() from @twopointo/janus/testing is not available';
  if (!janusTesting.janusAvailable()) return 'no Janus binary (apt-get install janus)';
  const ns = janusTesting.loopbackNamespace();
  if (ns.state === 'none')
    return (
      `media must stay on loopback and only a network namespace of the test's own guarantees it ` +
      `(Janus 1.1 never gathers on loopback interfaces, so its config alone would use this host's ` +
      `addresses): ${ns.reason}`
    );
  return null;
}

/** True when this process runs outside the namespace and should re-run the journey inside it. */
export const rerunNeeded = (): boolean => janusTesting?.loopbackNamespace().state === 'available';

/** Runs `vitest run <file>` (e2e config) in a fresh loopback namespace; resolves with its exit code. */
export function rerunInNamespace(file: string, cwd: string): Promise<number> {
  return janusTesting!.runInNamespace(['npx', 'vitest', 'run', '--config', 'vitest.e2e.config.ts', file], {
    cwd,
  });
}

export interface IceReport {
  /** `local -> remote` addresses of every candidate pair that carried or checked media successfully */
  pairsUsed: string[];
  localCandidates: string[];
  remoteCandidates: string[];
  /** connection addresses in the candidates of Janus' SDP (its offers and answers) */
  janusSdp: string[];
}

/** Where a page's call sends and receives media, from getStats() and Janus' descriptions. */
export function iceReport(page: Page): Promise<IceReport> {
  return page.evaluate(async () => {
    const out = {
      pairsUsed: [] as string[],
      localCandidates: [] as string[],
      remoteCandidates: [] as string[],
      janusSdp: [] as string[],
    };
    for (const pc of window.__twopointoVoice?.call?.peerConnections() ?? []) {
      const report = await pc.getStats();
      const addr = (id: unknown) => {
        const c = report.get(String(id)) as Record<string, unknown> | undefined;
        return String(c?.address ?? c?.ip);
      };
      report.forEach((s: Record<string, unknown>) => {
        if (s.type === 'local-candidate') out.localCandidates.push(String(s.address ?? s.ip));
        if (s.type === 'remote-candidate') out.remoteCandidates.push(String(s.address ?? s.ip));
        if (
          s.type === 'candidate-pair' &&
          (s.state === 'succeeded' || s.nominated === true || Number(s.bytesSent ?? 0) > 0)
        )
          out.pairsUsed.push(`${addr(s.localCandidateId)} -> ${addr(s.remoteCandidateId)}`);
      });
      for (const line of (pc.remoteDescription?.sdp ?? '').split(/\r?\n/))
        if (line.startsWith('a=candidate:')) out.janusSdp.push(line.split(' ')[4] ?? '');
    }
    return out;
  });
}

export const isLoopback = (address: string): boolean => address === '127.0.0.1' || address === '::1';
