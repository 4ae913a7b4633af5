import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  describeHolder,
  effectivePorts,
  formatRemapInfo,
  formatRemapTable,
  INFRA_PORTS,
  planRemaps,
  renderOverride,
  type PortHolder,
} from './ports.ts';

const collapse = (s: string) => s.trim().replace(/\s+/g, ' ');

describe('planRemaps', () => {
  it('moves only held ports, to port+10000 when that is free', () => {
    const held = new Map<number, PortHolder>([[4222, { kind: 'process', name: 'nats-server', pid: 1234 }]]);
    const remaps = planRemaps(held, () => true);
    expect(remaps.map((r) => [r.from, r.to])).toEqual([[4222, 14222]]);
    expect(effectivePorts(remaps).get(4222)).toBe(14222);
    expect(effectivePorts(remaps).get(5432)).toBe(5432);
  });

  it('takes the next free port when 1xxxx is busy, and never hands one port out twice', () => {
    const held = new Map<number, PortHolder>([
      [9000, { kind: 'container', name: 'old-minio' }],
      [9001, { kind: 'container', name: 'old-minio' }],
    ]);
    const busy = new Set([19000, 19002]);
    const remaps = planRemaps(held, (p) => !busy.has(p));
    // 9000 → 19001 (19000 busy); 9001 would like 19001 but it is taken now → 19003 (19002 busy)
    expect(remaps.map((r) => [r.from, r.to])).toEqual([
      [9000, 19001],
      [9001, 19003],
    ]);
  });

  it('never picks another infra port', () => {
    const spec = [
      { service: 'nats' as const, port: 4222, label: 'NATS client', envNote: 'NATS_URL updated' },
    ];
    const remaps = planRemaps(new Map([[4222, { kind: 'unknown' }]]), () => true, [
      ...spec,
      { service: 'redis', port: 14222, label: 'x', envNote: '' },
    ]);
    expect(remaps[0]!.to).toBe(14223);
  });

  it('fails with a clear message when nothing is free', () => {
    expect(() => planRemaps(new Map([[6379, { kind: 'unknown' }]]), () => false)).toThrow(
      /no free host port found for Redis/,
    );
  });
});

describe('printed report (the seed shape)', () => {
  const held = new Map<number, PortHolder>([
    [4222, { kind: 'process', name: 'nats-server', pid: 1234 }],
    [9000, { kind: 'container', name: 'old-minio' }],
  ]);
  const remaps = planRemaps(held, () => true);

  it('prints one [info] line per remap', () => {
    expect(remaps.map(formatRemapInfo)).toEqual([
      "[info] Port 4222 (NATS client): held by 'nats-server' (pid 1234) → remapping to 14222",
      "[info] Port 9000 (MinIO API): held by Docker container 'old-minio' → remapping to 19000",
    ]);
    expect(describeHolder({ kind: 'unknown' })).toBe('another process');
  });

  it('prints the Active port remaps table with 64-wide rules', () => {
    const lines = formatRemapTable(remaps);
    expect(lines[0]).toBe('── Active port remaps ──────────────────────────────────────────');
    expect(lines[0]).toHaveLength(64);
    expect(lines.slice(1, 3).map(collapse)).toEqual([
      'nats 4222 → 14222 NATS_URL updated',
      'minio 9000 → 19000 S3_ENDPOINT updated',
    ]);
    expect(lines[3]).toBe('────────────────────────────────────────────────────────────────');
    expect(lines[4]).toBe(
      'Remaps are host-port only — internal Docker networking (nats:4222 etc.) is unchanged.',
    );
    expect(lines[5]).toMatch(/inherit the updated env vars automatically/);
    expect(lines).toHaveLength(6);
    // the columns line up
    expect(lines[1]!.indexOf('→')).toBe(lines[2]!.indexOf('→'));
  });

  it('prints nothing when no port moved', () => {
    expect(formatRemapTable([])).toEqual([]);
  });
});

describe('renderOverride', () => {
  it('replaces the port lists of the moved services only, keeping unmoved ports of the same service', () => {
    const remaps = planRemaps(
      new Map([
        [9000, { kind: 'container', name: 'old-minio' } as PortHolder],
        [5432, { kind: 'unknown' } as PortHolder],
      ]),
      () => true,
    );
    const text = renderOverride(remaps);
    expect(text).toContain('ports: !override');
    const doc = parse(text, {
      customTags: [{ tag: '!override', collection: 'seq', resolve: (v: unknown) => v }],
    }) as {
      services: Record<string, { ports: { toJSON(): string[] } | string[] }>;
    };
    const ports = (s: string) => {
      const p = doc.services[s]!.ports;
      return Array.isArray(p) ? p : p.toJSON();
    };
    expect(Object.keys(doc.services).sort()).toEqual(['minio', 'postgres']);
    expect(ports('postgres')).toEqual(['15432:5432']);
    expect(ports('minio')).toEqual(['19000:9000', '9001:9001']);
  });

  it('covers exactly the ports infra/docker-compose.yml publishes', () => {
    expect(INFRA_PORTS.map((p) => p.port)).toEqual([5432, 6379, 4222, 9000, 9001]);
  });
});
