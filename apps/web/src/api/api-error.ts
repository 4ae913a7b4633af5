/** An API failure in words: status, stable code and the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Turns a failed Response into an ApiError, reading {"error":{"code","message"}} when present. */
export async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy error page, say): keep the status text
  }
  return apiErrorOf(res, body);
}

/** The ApiError for a failed Response whose body has already been read (and parsed when JSON). */
export function apiErrorOf(res: Response, body: unknown): ApiError {
  let code = `http_${res.status}`;
  let message = res.statusText || `Request failed (${res.status})`;
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null | undefined)?.error;
  if (error && typeof error.message === 'string') message = error.message;
  if (error && typeof error.code === 'string') code = error.code;
  if (res.status === 429) {
    const retry = res.headers.get('retry-after');
    if (retry && !/retry/i.test(message)) message += ` (retry in ${retry} s)`;
  }
  return new ApiError(res.status, code, message);
}

/** A human sentence for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof TypeError) return 'Cannot reach the server. Check your connection.';
  if (err instanceof Error) return err.message;
  return String(err);
}
