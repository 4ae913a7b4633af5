/**
 * `make identity-keygen`: writes Identity's RS256 signing key (RSA 2048, PKCS#8 PEM, mode 600) so
 * sessions survive restarts. Idempotent: an existing key is kept. Path: argv[2], else
 * IDENTITY_RSA_PRIVATE_KEY_FILE, else infra/keys/identity_rsa.pem (relative to the repository).
 */
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, env, exitOnConfigError, readConfig } from '@twopointo/server-kit';

export const DEFAULT_KEY_FILE = 'infra/keys/identity_rsa.pem';

export interface KeygenResult {
  path: string;
  created: boolean;
  message: string;
}

/** Creates the key file unless it exists; tightens an existing file to mode 600. */
export function identityKeygen(file: string): KeygenResult {
  const path = isAbsolute(file) ? file : resolve(REPO_ROOT, file);
  if (existsSync(path)) {
    const mode = statSync(path).mode & 0o777;
    if (mode !== 0o600) chmodSync(path, 0o600);
    const note = mode !== 0o600 ? ` (mode was ${mode.toString(8)}, now 600)` : '';
    return { path, created: false, message: `Key already exists at ${path}, leaving it as is${note}.` };
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  // 'wx' refuses to overwrite a key another run wrote meanwhile
  writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return {
    path,
    created: true,
    message: `Wrote RSA 2048 key to ${path} (mode 600). Set IDENTITY_RSA_PRIVATE_KEY_FILE=${path} in .env.`,
  };
}

function main(): void {
  const config = readConfig({ IDENTITY_RSA_PRIVATE_KEY_FILE: env.string(DEFAULT_KEY_FILE) });
  const result = identityKeygen(process.argv[2] ?? config.IDENTITY_RSA_PRIVATE_KEY_FILE);
  console.log(result.message);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (err) {
    exitOnConfigError(err);
  }
}
