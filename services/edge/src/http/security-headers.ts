/**
 * Security headers on every Edge answer, via @fastify/helmet: a strict Content-Security-Policy
 * for the web client (its own scripts and styles only, no inline code), nosniff, no referrer,
 * no framing, HSTS when the public address is https, and a Permissions-Policy (which helmet
 * does not set) that keeps microphone and camera for the client itself, for voice.
 */
import type { IncomingMessage } from 'node:http';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export interface SecurityHeaderOptions {
  /** the origin browsers use (PUBLIC_URL); unset → each request's Host */
  publicUrl: string | undefined;
  /** where presigned uploads and downloads point when it is not the Edge (S3, STORAGE_PUBLIC_URL) */
  storageOrigin: string | undefined;
}

/** Features the client may use; every other powerful one is off for it and anything it embeds. */
export const PERMISSIONS_POLICY = [
  'camera=(self)',
  'microphone=(self)',
  'display-capture=(self)',
  'fullscreen=(self)',
  'accelerometer=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'payment=()',
  'usb=()',
].join(', ');

/** A Host header that is a plain host[:port], safe to repeat inside the policy. */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The gateway's own origin. CSP level 3 lets 'self' cover ws(s) of the page's host, but older
 * browsers (Safari before 15.4) need it spelled out. Without PUBLIC_URL the host comes from the
 * request, and both schemes are listed: behind a TLS-terminating load balancer the Edge cannot
 * tell which one the page was loaded over.
 */
export function gatewaySources(publicUrl: string | undefined): (req: IncomingMessage) => string {
  if (publicUrl) {
    const url = new URL(publicUrl);
    const fixed = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`;
    return () => fixed;
  }
  return (req) => {
    const host = req.headers.host ?? '';
    return PLAIN_HOST.test(host) ? `ws://${host} wss://${host}` : '';
  };
}

/** The CSP directives (helmet's defaults are replaced, not merged, so nothing is allowed by accident). */
export function cspDirectives(opts: SecurityHeaderOptions) {
  const storage = opts.storageOrigin ? [opts.storageOrigin] : [];
  const directives: Record<string, Iterable<string | ((req: IncomingMessage) => string)>> = {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    // React sets `style` props through the CSSOM, which CSP does not restrict; no inline <style>
    'style-src': ["'self'"],
    // the TOTP QR code is a data: URL; attachments come from the storage origin
    'img-src': ["'self'", 'blob:', 'data:', ...storage],
    'media-src': ["'self'", 'blob:', ...storage],
    'font-src': ["'self'"],
    'connect-src': ["'self'", gatewaySources(opts.publicUrl), ...storage],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'"],
  };
  if (opts.publicUrl?.startsWith('https:')) directives['upgrade-insecure-requests'] = [];
  return directives;
}

export async function registerSecurityHeaders(
  app: FastifyInstance,
  opts: SecurityHeaderOptions,
): Promise<void> {
  const https = opts.publicUrl?.startsWith('https:') === true;
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(opts) },
    // only over https: a browser that saw it on http://localhost would refuse plain http there for a year
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    // same-site, not same-origin: the Vite dev server (another port, same site) shows local-disk images
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    void reply.header('permissions-policy', PERMISSIONS_POLICY);
    return payload;
  });
}
