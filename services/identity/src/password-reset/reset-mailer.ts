/**
 * How a reset link reaches its owner: by mail through SMTP_URL (nodemailer), or, when no SMTP
 * server is configured (the embedded default), written to the log at info level for whoever
 * runs the instance. docs/SECURITY.md says why that is acceptable only there.
 */
import type { FastifyBaseLogger } from 'fastify';
import { createTransport, type Transporter } from 'nodemailer';

export interface ResetMailer {
  readonly kind: 'smtp' | 'log';
  send(to: string, link: string): Promise<void>;
  close(): void;
}

export function openResetMailer(
  config: { SMTP_URL: string | undefined; SMTP_FROM: string },
  log: FastifyBaseLogger,
): ResetMailer {
  if (!config.SMTP_URL) {
    return {
      kind: 'log',
      async send(to, link) {
        log.info({ to, link }, 'password reset link (SMTP_URL is not set, so it is logged instead of mailed)');
      },
      close() {},
    };
  }
  const transport: Transporter = createTransport(config.SMTP_URL);
  return {
    kind: 'smtp',
    async send(to, link) {
      await transport.sendMail({
        from: config.SMTP_FROM,
        to,
        subject: 'Reset your twopointo password',
        text:
          `Someone (hopefully you) asked to reset the password of this account.\n\n` +
          `Open this link within 30 minutes to choose a new one:\n${link}\n\n` +
          `You will need your authenticator code (or a recovery code).\n` +
          `If it was not you, ignore this mail: your password stays as it is.\n`,
      });
    },
    close() {
      transport.close();
    },
  };
}
