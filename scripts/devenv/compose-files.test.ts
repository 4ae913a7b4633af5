import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from './common.ts';
import { INFRA_PORTS } from './ports.ts';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  ports?: string[];
  healthcheck?: { test?: unknown };
  environment?: Record<string, string>;
}
const load = (file: string) =>
  parse(readFileSync(join(REPO_ROOT, 'infra', file), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };

describe('infra/docker-compose.yml', () => {
  const infra = load('docker-compose.yml');

  it('runs PostgreSQL 16, Redis 7, NATS 2.10 with JetStream and MinIO, each with a healthcheck', () => {
    expect(Object.keys(infra.services).sort()).toEqual(['minio', 'nats', 'postgres', 'redis']);
    expect(infra.services.postgres!.image).toBe('postgres:16');
    expect(infra.services.redis!.image).toBe('redis:7');
    expect(infra.services.nats!.image).toMatch(/^nats:2\.10/);
    expect(infra.services.nats!.command).toContain('-js');
    expect(infra.services.minio!.command).toEqual(expect.arrayContaining(['server', '--console-address']));
    for (const [name, s] of Object.entries(infra.services)) expect(s.healthcheck?.test, name).toBeDefined();
  });

  it('publishes exactly the host ports the remapper knows', () => {
    const published = Object.values(infra.services)
      .flatMap((s) => s.ports ?? [])
      .map((p) => Number(p.split(':')[0]))
      .sort((a, b) => a - b);
    expect(published).toEqual(INFRA_PORTS.map((p) => p.port).sort((a, b) => a - b));
  });
});

describe('infra/docker-compose.apps.yml', () => {
  const apps = load('docker-compose.apps.yml');

  it('builds identity, official and edge from infra/Dockerfile with /healthz healthchecks', () => {
    expect(Object.keys(apps.services).sort()).toEqual(['edge', 'identity', 'janus', 'official']);
    for (const [name, s] of Object.entries(apps.services)) {
      if (name === 'janus') continue;
      expect(s.build, name).toEqual({ context: '..', dockerfile: 'infra/Dockerfile' });
      expect(s.command, name).toEqual(['node', `bin/${name}.mjs`]);
      expect(JSON.stringify(s.healthcheck?.test), name).toContain('/healthz');
      // inside the network the infra is reached by service name, not the host's remapped ports
      expect(s.environment?.DATABASE_URL, name).toContain('@postgres:5432/');
      expect(s.environment?.NATS_URL, name).toBe('nats://nats:4222');
    }
  });

  it('runs Janus from the janus stage of infra/Dockerfile, its RTP range published over UDP, the apps pointed at it', () => {
    const janus = apps.services.janus!;
    expect(janus.build).toEqual({ context: '..', dockerfile: 'infra/Dockerfile', target: 'janus' });
    expect(janus.ports).toEqual(['20000-20199:20000-20199/udp']);
    expect(janus.healthcheck?.test).toBeDefined();
    for (const name of ['official', 'edge'])
      expect(apps.services[name]!.environment?.JANUS_URLS).toBe('ws://janus:8188');
  });
});

describe('infra/.env.example', () => {
  const example = readFileSync(join(REPO_ROOT, 'infra/.env.example'), 'utf8');
  const lines = example.split('\n');
  const keys = lines
    .map((l) => /^([A-Z][A-Z0-9_]*)=/.exec(l)?.[1])
    .filter((k): k is string => k !== undefined);

  it('lists every variable a service config reads, each with a comment above it', () => {
    const configFiles: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir)) {
        const p = join(dir, e);
        if (e === 'node_modules') continue;
        if (statSync(p).isDirectory()) walk(p);
        else if (/config\.ts$/.test(e) && !e.endsWith('.test.ts')) configFiles.push(p);
      }
    };
    for (const root of ['services', 'packages']) walk(join(REPO_ROOT, root));
    const read = new Set<string>();
    for (const f of configFiles) {
      // a config spec entry: `  NAME: env.int(...)`, `  NAME: path(...)`, `  NAME: limit(...)`
      for (const m of readFileSync(f, 'utf8').matchAll(/^\s+([A-Z][A-Z0-9_]+):\s*(?:env\.|path\(|limit\()/gm))
        read.add(m[1]!);
    }
    expect(read.size).toBeGreaterThan(20);
    const missing = [...read].filter((k) => !keys.includes(k));
    expect(missing).toEqual([]);
    for (const k of keys) {
      const i = lines.findIndex((l) => l.startsWith(`${k}=`));
      expect(lines[i - 1], k).toMatch(/^#/);
    }
  });

  it('keeps the embedded default: no infra URL or bucket set, the key file named', () => {
    const value = (k: string) => lines.find((l) => l.startsWith(`${k}=`))?.slice(k.length + 1);
    for (const k of ['DATABASE_URL', 'NATS_URL', 'REDIS_URL', 'S3_ENDPOINT', 'S3_BUCKET', 'INTERNAL_SECRET'])
      expect(value(k), k).toBe('');
    expect(value('IDENTITY_RSA_PRIVATE_KEY_FILE')).toBe('infra/keys/identity_rsa.pem');
    expect(value('DEV_ALLOWED_ORIGINS')).toBe('http://localhost:5173');
  });
});
