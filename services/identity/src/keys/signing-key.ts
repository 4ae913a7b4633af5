/**
 * The RS256 signing key: from IDENTITY_RSA_PRIVATE_KEY_FILE, or ephemeral (tokens die with the
 * process); and, during a rotation, the previous key's public half from
 * IDENTITY_RSA_PREVIOUS_KEY_FILE, still published and accepted so its tokens live out their time.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import { ConfigError } from '@twopointo/server-kit';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** public JWK with kid, alg and use, as published in the JWKS */
  publicJwk: JWK & { kid: string };
  kid: string;
  ephemeral: boolean;
  /** public JWKs of earlier keys whose tokens are still accepted (rotation) */
  previous: (JWK & { kid: string })[];
}

const VARIABLE = 'IDENTITY_RSA_PRIVATE_KEY_FILE';
const PREVIOUS = 'IDENTITY_RSA_PREVIOUS_KEY_FILE';

function readPem(file: string, variable: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(
      variable,
      `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}: ${file}); run make identity-keygen`,
    );
  }
}

function checkRsa(key: KeyObject, variable: string, file: string): void {
  if (key.asymmetricKeyType !== 'rsa')
    throw new ConfigError(variable, `must be an RSA key, got ${key.asymmetricKeyType}: ${file}`);
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048)
    throw new ConfigError(variable, `must be at least 2048 bits: ${file}`);
}

/** The previous key's public JWK (its PEM may be the old private key or just its public half). */
async function loadPrevious(file: string): Promise<JWK & { kid: string }> {
  const pem = readPem(file, PREVIOUS);
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new ConfigError(PREVIOUS, `is not a PEM key: ${file}`);
  }
  checkRsa(key, PREVIOUS, file);
  return publicJwkOf(key);
}

/** Reads a PEM private key (PKCS#8 or PKCS#1); a missing or non-RSA file names the variable. */
export async function loadSigningKey(file: string | undefined, previousFile?: string): Promise<SigningKey> {
  const previous = previousFile === undefined ? [] : [await loadPrevious(previousFile)];
  if (file === undefined) {
    const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
    return describe(privateKey, true, previous);
  }
  const pem = readPem(file, VARIABLE);
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new ConfigError(VARIABLE, `is not a PEM private key: ${file}`);
  }
  checkRsa(key, VARIABLE, file);
  const current = await describe(key, false, previous);
  if (previous.some((p) => p.kid === current.kid))
    throw new ConfigError(PREVIOUS, `is the current key itself: ${previousFile}`);
  return current;
}

async function publicJwkOf(publicKey: KeyObject): Promise<JWK & { kid: string }> {
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return { ...jwk, kid, alg: 'RS256', use: 'sig' };
}

async function describe(
  privateKey: KeyObject,
  ephemeral: boolean,
  previous: (JWK & { kid: string })[],
): Promise<SigningKey> {
  const publicKey = createPublicKey(privateKey);
  const publicJwk = await publicJwkOf(publicKey);
  return { privateKey, publicKey, publicJwk, kid: publicJwk.kid, ephemeral, previous };
}
