/** Error factories with stable codes; each service turns them into {"error":{"code","message"}}. */

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string) => new AppError(400, code, message);
export const unauthorized = (message = 'Missing or invalid token', code = 'unauthorized') =>
  new AppError(401, code, message);
export const forbidden = (message = 'Missing permission', code = 'forbidden') =>
  new AppError(403, code, message);
export const notFound = (what: string) => new AppError(404, `unknown_${what}`, `Unknown ${what}`);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const tooLarge = (message = 'Payload too large') => new AppError(413, 'payload_too_large', message);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', `Too many requests, retry in ${retryAfterSeconds} s`, {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });
export const unavailable = (message = 'Service temporarily unavailable') =>
  new AppError(503, 'unavailable', message);
