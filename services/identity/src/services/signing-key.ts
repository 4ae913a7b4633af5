/** The RS256 signing key: from IDENTITY_RSA_PRIVATE_KEY_FILE, or ephemeral (tokens die with the process). */
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { calculateJwkThumbprint, exportJWK, type JWK } from 'jose';
import { ConfigError } from '@twopointo/shared/server';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** public JWK with kid, alg and use, as published in the JWKS */
  publicJwk: JWK & { kid: string };
  kid: string;
  ephemeral: boolean;
}

const VARIABLE = 'IDENTITY_RSA_PRIVATE_KEY_FILE';

/** Reads a PEM private key (PKCS#8 or PKCS#1); a missing or non-RSA file names the variable. */
export async function loadSigningKey(file: string | undefined): Promise<SigningKey> {
  if (file === undefined) {
    const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
    return describe(privateKey, true);
  }
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(
      VARIABLE,
      `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}: ${file}); run make identity-keygen`,
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new ConfigError(VARIABLE, `is not a PEM private key: ${file}`);
  }
  if (key.asymmetricKeyType !== 'rsa')
    throw new ConfigError(VARIABLE, `must be an RSA key, got ${key.asymmetricKeyType}: ${file}`);
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048)
    throw new ConfigError(VARIABLE, `must be at least 2048 bits: ${file}`);
  return describe(key, false);
}

async function describe(privateKey: KeyObject, ephemeral: boolean): Promise<SigningKey> {
  const publicKey = createPublicKey(privateKey);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return { privateKey, publicKey, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' }, kid, ephemeral };
}
