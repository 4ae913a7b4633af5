import { describe, expect, it } from 'vitest';
import { isValidKey, signStorageParams, verifySignedUrl } from './signed-url.ts';

const SECRET = 'test-secret';
const now = Math.floor(Date.now() / 1000);
const query = (qs: string) => Object.fromEntries(new URLSearchParams(qs));

describe('signed storage URLs', () => {
  const key = 'assets/123/abc';
  const up = { exp: String(now + 60), ct: 'image/png', size: '10' };

  it('verifies what it signed and returns the params', () => {
    const r = verifySignedUrl(SECRET, 'PUT', key, query(signStorageParams(SECRET, 'PUT', key, up)));
    expect(r).toEqual({ ok: true, params: up });
  });

  it('refuses a tampered param, key, method or secret', () => {
    const q = query(signStorageParams(SECRET, 'PUT', key, up));
    expect(verifySignedUrl(SECRET, 'PUT', key, { ...q, size: '11' })).toEqual({
      ok: false,
      reason: 'invalid_signature',
    });
    expect(verifySignedUrl(SECRET, 'PUT', key, { ...q, ct: 'text/html' })).toMatchObject({
      reason: 'invalid_signature',
    });
    expect(verifySignedUrl(SECRET, 'PUT', key, { ...q, exp: String(now + 9999) })).toMatchObject({
      reason: 'invalid_signature',
    });
    expect(verifySignedUrl(SECRET, 'PUT', 'assets/123/abd', q)).toMatchObject({
      reason: 'invalid_signature',
    });
    expect(verifySignedUrl(SECRET, 'GET', key, q)).toMatchObject({ reason: 'invalid_signature' });
    expect(verifySignedUrl('other', 'PUT', key, q)).toMatchObject({ reason: 'invalid_signature' });
    expect(verifySignedUrl(SECRET, 'PUT', key, { ...q, sig: 'x' })).toMatchObject({
      reason: 'invalid_signature',
    });
    const { sig: _omit, ...unsigned } = q;
    expect(verifySignedUrl(SECRET, 'PUT', key, unsigned)).toMatchObject({ reason: 'invalid_signature' });
    expect(verifySignedUrl(SECRET, 'PUT', key, { ...q, size: ['10', '10'] })).toMatchObject({
      reason: 'invalid_signature',
    });
  });

  it('reports a genuine but old URL as expired', () => {
    const q = query(signStorageParams(SECRET, 'PUT', key, { ...up, exp: String(now - 1) }));
    expect(verifySignedUrl(SECRET, 'PUT', key, q)).toEqual({ ok: false, reason: 'url_expired' });
  });

  it('keeps a newline in a filename from forging another field', () => {
    const a = signStorageParams(SECRET, 'GET', key, {
      exp: String(now + 60),
      fn: 'a\nct=text/html',
      ct: 'image/png',
    });
    const q = query(a);
    expect(verifySignedUrl(SECRET, 'GET', key, q)).toMatchObject({ ok: true });
    expect(verifySignedUrl(SECRET, 'GET', key, { ...q, fn: 'a', ct: 'text/html' })).toMatchObject({
      ok: false,
    });
  });

  it('accepts only safe keys', () => {
    for (const k of ['assets/1/abc', 'a', 'a/b.c/d_e-f']) expect(isValidKey(k)).toBe(true);
    for (const k of [
      '',
      '../x',
      'a/../b',
      'a//b',
      '/a',
      'a/',
      './a',
      'a/./b',
      'a\\b',
      'a/.hidden',
      'a b',
      'a%2f',
      'x'.repeat(513),
    ]) {
      expect(isValidKey(k), k).toBe(false);
    }
  });
});
