/**
 * Forgotten passwords on both databases: the link mailed through a local SMTP sink (and logged
 * when SMTP_URL is unset), single use, 30 minutes, a second factor, every session signed out.
 */
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BACKENDS } from '@twopointo/db';
import { totp } from '../../../../test/helpers/totp.ts';
import { signUp, startTestIdentity, type SignedUp, type TestIdentity } from '../test/identity-harness.ts';

interface Mail {
  to: string[];
  raw: string;
}

/** An SMTP server on loopback that keeps every mail. */
async function startSmtpSink(): Promise<{ url: string; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The mail as text: quoted-printable soft breaks and escapes undone when it is so encoded. */
const decoded = (raw: string) =>
  /content-transfer-encoding: quoted-printable/i.test(raw)
    ? raw
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    : raw;

const until = async <T>(get: () => T | undefined, ms = 5000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each(TEST_BACKENDS)('password reset on %s', (backend) => {
  let id: TestIdentity;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    id = await startTestIdentity(backend, {
      overrides: {
        SMTP_URL: smtp.url,
        PUBLIC_URL: 'https://chat.example.org',
        SMTP_FROM: 'tp <tp@example.org>',
      },
    });
  }, 120_000);
  afterAll(async () => {
    await id?.close();
    await smtp?.close();
  });

  /** Asks for a reset and answers the token from the mailed link. */
  const mailedToken = async (u: SignedUp): Promise<string> => {
    const before = smtp.mails.length;
    const res = await id.call('POST', '/password-reset', { body: { email: `  ${u.email.toUpperCase()} ` } });
    expect(res.status).toBe(202);
    const mail = await until(() => smtp.mails.slice(before).find((m) => m.to.includes(u.email)));
    const text = decoded(mail.raw);
    expect(text).toContain('From: tp <tp@example.org>');
    const link = /https:\/\/chat\.example\.org\/#reset=([A-Za-z0-9_-]{43})/.exec(text);
    expect(link).not.toBeNull();
    return link![1]!;
  };
  const confirm = (body: Record<string, string>) => id.call('POST', '/password-reset/confirm', { body });
  const login = (u: SignedUp, password: string) =>
    id.call('POST', '/auth/login', { body: { email: u.email, password }, ip: u.ip });

  it('mails a link whose token, with a TOTP code, sets the password and signs every session out', async () => {
    const u = await signUp(id, 'reset');
    const token = await mailedToken(u);
    const stored = await id.database.db
      .selectFrom('password_resets')
      .select(['token_hash', 'expires_at'])
      .execute();
    expect(stored.some((r) => r.token_hash === token)).toBe(false);
    const res = await confirm({ token, new_password: 'Reset-pass-1', code: totp(u.secret, Date.now(), 1) });
    expect(res.status).toBe(204);
    expect((await login(u, u.password)).status).toBe(401);
    expect((await login(u, 'Reset-pass-1')).status).toBe(200);
    const refresh = await id.call('POST', '/auth/refresh', { body: { refresh_token: u.refresh } });
    expect(refresh.body.error.code).toBe('refresh_token_revoked');
    // single use
    const again = await confirm({ token, new_password: 'Reset-pass-2', code: u.recoveryCodes[0]! });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('invalid_reset_token');
  });

  it('takes a recovery code instead of TOTP; a newer link spends the older ones', async () => {
    const u = await signUp(id, 'reset');
    const older = await mailedToken(u);
    const newer = await mailedToken(u);
    expect(newer).not.toBe(older);
    expect(
      (await confirm({ token: newer, new_password: 'Reset-pass-3', code: u.recoveryCodes[0]! })).status,
    ).toBe(204);
    const stale = await confirm({ token: older, new_password: 'Reset-pass-4', code: u.recoveryCodes[1]! });
    expect(stale.body.error.code).toBe('invalid_reset_token');
    expect((await login(u, 'Reset-pass-3')).status).toBe(200);
  });

  it('a wrong, replayed or missing second factor is 403 and leaves the token usable', async () => {
    const u = await signUp(id, 'reset');
    const token = await mailedToken(u);
    const wrong = totp(u.secret, Date.now(), 1) === '000000' ? '111111' : '000000';
    for (const code of [wrong, u.usedCode, 'zzzzz-zzzzz', '']) {
      const res = await confirm({ token, new_password: 'Reset-pass-5', code });
      expect(res.status, code).toBe(403);
      expect(res.body.error.code).toBe('invalid_code');
    }
    expect((await login(u, u.password)).status).toBe(200);
    expect((await confirm({ token, new_password: 'Reset-pass-5', code: u.recoveryCodes[2]! })).status).toBe(
      204,
    );
  });

  it('refuses an expired token (400 reset_token_expired), an unknown one and a short password', async () => {
    const u = await signUp(id, 'reset');
    const token = await mailedToken(u);
    const short = await confirm({ token, new_password: 'short', code: u.recoveryCodes[0]! });
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('invalid_input');
    await id.database.db
      .updateTable('password_resets')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', u.id)
      .execute();
    const expired = await confirm({ token, new_password: 'Reset-pass-6', code: u.recoveryCodes[0]! });
    expect(expired.status).toBe(400);
    expect(expired.body.error.code).toBe('reset_token_expired');
    const unknown = await confirm({ token: 'x'.repeat(43), new_password: 'Reset-pass-6', code: '123456' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('invalid_reset_token');
    expect((await login(u, u.password)).status).toBe(200);
  });

  it('answers an unknown email exactly like a known one, and sends nothing', async () => {
    const before = smtp.mails.length;
    const res = await id.call('POST', '/password-reset', { body: { email: 'nobody-here@example.com' } });
    expect(res.status).toBe(202);
    expect(res.body).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.length).toBe(before);
  });

  it('limits requests per email and per IP (429)', async () => {
    const limited = await startTestIdentity(backend, {
      database: id.database,
      overrides: {
        RATE_LIMITS: 'on',
        PASSWORD_RESET_RATE_LIMIT: '2/1h',
        PASSWORD_RESET_IP_RATE_LIMIT: '3/1h',
        SMTP_URL: smtp.url,
      },
    });
    try {
      const ask = (email: string, ip: string) =>
        limited.call('POST', '/password-reset', { body: { email }, ip });
      expect((await ask('limit-a@example.com', '10.9.9.1')).status).toBe(202);
      expect((await ask('LIMIT-A@example.com', '10.9.9.2')).status).toBe(202);
      const perEmail = await ask('limit-a@example.com', '10.9.9.3');
      expect(perEmail.status).toBe(429);
      expect(perEmail.body.error.code).toBe('rate_limited');
      for (const email of ['b1@example.com', 'b2@example.com', 'b3@example.com'])
        expect((await ask(email, '10.9.9.9')).status).toBe(202);
      expect((await ask('b4@example.com', '10.9.9.9')).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('password reset without SMTP_URL', () => {
  it('writes the link to the log at info level, and the link works', async () => {
    const lines: { obj: Record<string, unknown>; msg: string }[] = [];
    const noop = () => undefined;
    const logger = {
      level: 'info',
      fatal: noop,
      error: noop,
      warn: noop,
      debug: noop,
      trace: noop,
      silent: noop,
      info: (obj: Record<string, unknown>, msg: string) => lines.push({ obj, msg }),
      child: () => logger,
    } as unknown as FastifyBaseLogger;
    const id = await startTestIdentity(TEST_BACKENDS[0]!, { logger });
    try {
      const u = await signUp(id, 'logged');
      expect((await id.call('POST', '/password-reset', { body: { email: u.email } })).status).toBe(202);
      const line = await until(() => lines.find((l) => l.obj?.to === u.email));
      expect(line.msg).toContain('password reset link');
      const token = /\/#reset=([A-Za-z0-9_-]+)$/.exec(String(line.obj.link))![1]!;
      expect(String(line.obj.link).startsWith('http://localhost:60420/#reset=')).toBe(true);
      const res = await id.call('POST', '/password-reset/confirm', {
        body: { token, new_password: 'Logged-pass-1', code: totp(u.secret, Date.now(), 1) },
      });
      expect(res.status).toBe(204);
    } finally {
      await id.close();
    }
  });
});
