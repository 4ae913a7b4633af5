/** .env editing and the infra URLs dev-up writes into it. Pure. */

/**
 * Sets KEY=value for every entry: an existing `KEY=` line is replaced in place (comments and
 * order kept), a missing key is appended. An empty value unsets the variable for readConfig.
 */
export function updateEnvText(text: string, values: Readonly<Record<string, string>>): string {
  const lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
  const pending = new Map(Object.entries(values));
  const out = lines.map((line) => {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    const key = m?.[1];
    if (key === undefined || !pending.has(key)) return line;
    const value = pending.get(key)!;
    pending.delete(key);
    return `${key}=${value}`;
  });
  for (const [key, value] of pending) out.push(`${key}=${value}`);
  return out.join('\n') + '\n';
}

export interface InfraEndpoints {
  postgres: { host: string; port: number; user: string; password?: string; database: string };
  redis: { host: string; port: number };
  nats: { host: string; port: number };
  /** absent: no MinIO (local mode), storage falls back to local disk */
  s3?: { host: string; port: number; bucket: string; accessKey: string; secretKey: string };
}

/** The .env values that point services at the infra dev-up started. */
export function infraEnv(e: InfraEndpoints): Record<string, string> {
  const auth = e.postgres.password ? `${e.postgres.user}:${e.postgres.password}` : e.postgres.user;
  return {
    DATABASE_URL: `postgres://${auth}@${e.postgres.host}:${e.postgres.port}/${e.postgres.database}`,
    REDIS_URL: `redis://${e.redis.host}:${e.redis.port}`,
    NATS_URL: `nats://${e.nats.host}:${e.nats.port}`,
    // both empty in local mode: S3_BUCKET alone would switch storage to AWS S3
    S3_ENDPOINT: e.s3 ? `http://${e.s3.host}:${e.s3.port}` : '',
    // browsers reach MinIO where the host does; app containers replace only S3_ENDPOINT
    S3_PUBLIC_ENDPOINT: e.s3 ? `http://${e.s3.host}:${e.s3.port}` : '',
    S3_BUCKET: e.s3?.bucket ?? '',
    ...(e.s3 ? { S3_ACCESS_KEY: e.s3.accessKey, S3_SECRET_KEY: e.s3.secretKey } : {}),
  };
}

/** Value of KEY in .env text ('' when absent or empty). */
export function readEnvValue(text: string, key: string): string {
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (m?.[1] === key) return m[2]!.trim().replace(/^(['"])(.*)\1$/, '$2');
  }
  return '';
}
