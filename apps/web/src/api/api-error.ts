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

/** Field names whose plain-words label is not the name with its underscores as spaces. */
const FIELD_LABELS: Record<string, string> = {
  code: 'The code',
  totp_code: 'The code',
  content: 'The message',
  email: 'Email',
  password: 'Password',
  new_password: 'The new password',
  name: 'The name',
  display_name: 'The display name',
};

/**
 * A validator's message in words: the server names the field (`body.password: must be at least 8
 * characters`), which is right for a developer and odd for a person ("Password must be at least
 * 8 characters.").
 */
export function humaniseInvalidInput(message: string): string {
  const m = /^(?:body|query|params)\.([A-Za-z0-9_.[\]]+): (.+)$/s.exec(message);
  if (!m) return message;
  const field = m[1]!
    .split('.')
    .pop()!
    .replace(/\[\d+\]$/, '');
  const label = FIELD_LABELS[field] ?? field.charAt(0).toUpperCase() + field.slice(1).replace(/_/g, ' ');
  const rule = m[2]!.trim();
  return `${label} ${rule}${/[.!?)]$/.test(rule) ? '' : '.'}`;
}

/** A human sentence for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError)
    return err.code === 'invalid_input' ? humaniseInvalidInput(err.message) : err.message;
  if (err instanceof TypeError) return 'Cannot reach the server. Check your connection.';
  if (err instanceof Error) return err.message;
  return String(err);
}
