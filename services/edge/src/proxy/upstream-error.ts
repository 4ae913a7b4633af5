/** Turns reply-from's upstream failures into the error format: 502/503/504, never a hang or a 500. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BODY_TOO_LARGE } from './body-limit.ts';
import { errorBody } from '@twopointo/shared';

/** the Edge closed its upstream agent (shutting down) with this request in flight */
const CLOSING = 'UND_ERR_DESTROYED';

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'FST_REPLY_FROM_SERVICE_UNAVAILABLE',
  CLOSING,
]);

/** undici's code for a request cut short because its client left. */
const ABORTED = new Set(['UND_ERR_ABORTED']);

/** The client went away: nobody is left to answer. */
export function clientGone(req: FastifyRequest, error: { code?: string; cause?: unknown }): boolean {
  const cause = error.cause as { code?: string } | undefined;
  // not req.raw.aborted: Node sets it once the body stream is torn down, with the client still waiting
  return (
    req.raw.socket?.destroyed === true || ABORTED.has(error.code ?? '') || ABORTED.has(cause?.code ?? '')
  );
}

export function onUpstreamError(service: string) {
  return (
    reply: FastifyReply,
    { error }: { error: Error & { code?: string; statusCode?: number; cause?: unknown } },
  ): void => {
    const cause = error.cause as { code?: string } | undefined;
    const codes = [error.code, cause?.code];
    if (clientGone(reply.request, error)) {
      // routine (a client closing mid-request), not an upstream failure
      reply.request.log.debug({ service, code: cause?.code ?? error.code }, 'request aborted');
      if (!reply.sent) void reply.status(499).send();
      return;
    }
    let status = 502;
    let body = errorBody('bad_gateway', `The ${service} service gave no valid answer`);
    if (codes.includes(BODY_TOO_LARGE)) {
      status = 413;
      body = errorBody('payload_too_large', 'Payload too large');
    } else if (codes.some((c) => c !== undefined && UNREACHABLE.has(c))) {
      status = 503;
      body = errorBody('unavailable', `The ${service} service is unavailable`);
    } else if (
      error.statusCode === 504 ||
      codes.includes('UND_ERR_HEADERS_TIMEOUT') ||
      codes.includes('FST_REPLY_FROM_GATEWAY_TIMEOUT')
    ) {
      status = 504;
      body = errorBody('upstream_timeout', `The ${service} service did not answer in time`);
    }
    if (codes.includes(CLOSING)) reply.request.log.info({ service }, 'request cut short by shutdown');
    else if (status >= 500) reply.request.log.warn({ err: error, service }, 'upstream failure');
    if (reply.sent) return;
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  };
}
