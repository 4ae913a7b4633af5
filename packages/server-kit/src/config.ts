/**
 * Config declared once, typed, validated at boot. `.env` at the repository root is read when
 * present; real environment variables win. A bad variable stops the process naming it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let envLoaded = false;
/** Merges the root .env under process.env once (existing variables win). */
export function loadDotEnv(path = `${REPO_ROOT}.env`): void {
  if (envLoaded) return;
  envLoaded = true;
  if (!existsSync(path)) return;
  const parsed = parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
  for (const [k, v] of Object.entries(parsed)) if (process.env[k] === undefined) process.env[k] = v;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;
type Reader<T> = (env: Env, name: string) => T;

function raw(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** Field readers; each throws ConfigError naming the variable. */
export const env = {
  string:
    (def?: string): Reader<string> =>
    (e, n) => {
      const v = raw(e, n) ?? def;
      if (v === undefined) throw new ConfigError(n, 'is required');
      return v;
    },
  optional: (): Reader<string | undefined> => (e, n) => raw(e, n),
  int:
    (def: number, min = 0, max = Number.MAX_SAFE_INTEGER): Reader<number> =>
    (e, n) => {
      const v = raw(e, n);
      if (v === undefined) return def;
      if (!/^-?\d+$/.test(v)) throw new ConfigError(n, `must be an integer, got "${v}"`);
      const x = Number(v);
      if (x < min || x > max) throw new ConfigError(n, `must be between ${min} and ${max}, got ${x}`);
      return x;
    },
  port:
    (def: number): Reader<number> =>
    (e, n) =>
      env.int(def, 0, 65535)(e, n),
  bool:
    (def: boolean): Reader<boolean> =>
    (e, n) => {
      const v = raw(e, n)?.toLowerCase();
      if (v === undefined) return def;
      if (['1', 'true', 'on', 'yes'].includes(v)) return true;
      if (['0', 'false', 'off', 'no'].includes(v)) return false;
      throw new ConfigError(n, `must be on/off, got "${v}"`);
    },
  url:
    (def?: string): Reader<string> =>
    (e, n) => {
      const v = raw(e, n) ?? def;
      if (v === undefined) throw new ConfigError(n, 'is required');
      try {
        new URL(v);
      } catch {
        throw new ConfigError(n, `must be a URL, got "${v}"`);
      }
      return v.replace(/\/+$/, '');
    },
  optionalUrl: (): Reader<string | undefined> => (e, n) =>
    raw(e, n) === undefined ? undefined : env.url()(e, n),
  list:
    (def: string[]): Reader<string[]> =>
    (e, n) => {
      const v = raw(e, n);
      return v === undefined
        ? def
        : v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
    },
  oneOf:
    <T extends string>(values: readonly T[], def: T): Reader<T> =>
    (e, n) => {
      const v = raw(e, n) ?? def;
      if (!values.includes(v as T))
        throw new ConfigError(n, `must be one of ${values.join(', ')}, got "${v}"`);
      return v as T;
    },
};

/**
 * Reads a typed config from the environment. `overrides` lets tests and the all-in-one
 * process pass values without touching process.env.
 */
export function readConfig<S extends Record<string, Reader<unknown>>>(
  spec: S,
  overrides: Partial<Record<keyof S, string>> = {},
  source: Env = process.env,
): { [K in keyof S]: ReturnType<S[K]> } {
  loadDotEnv();
  const merged: Env = { ...source };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) merged[k] = v as string;
  const out = {} as { [K in keyof S]: ReturnType<S[K]> };
  for (const key of Object.keys(spec) as (keyof S)[]) {
    out[key] = spec[key]!(merged, key as string) as ReturnType<S[typeof key]>;
  }
  return out;
}

/** Runs main(), turning a ConfigError into one clear line and exit code 2. */
export function exitOnConfigError(err: unknown): never {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
