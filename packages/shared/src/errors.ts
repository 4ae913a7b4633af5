/**
 * The error vocabulary: every `{"error":{"code","message"}}` body any service answers is made by
 * `errorBody`, and its code is one of ERROR_CODES. docs/API.md lists them all (a test checks).
 */

/** Each code, with the situation it names. Not-found is always `unknown_<thing>`. */
export const ERROR_CODES = {
  // 400
  invalid_input:
    'A body, query or path field is missing, of the wrong type or out of range; the message names it',
  bad_request: 'The request itself is malformed (not JSON, a bad escape in the path, a refused upgrade)',
  invalid_reply: 'reply_to_id names no message of this channel',
  not_text_channel: 'Messages, typing and reactions go in text channels, not in voice channels or categories',
  invalid_role: 'The role cannot be assigned that way (@everyone)',
  invalid_icon:
    'icon_asset_id names no completed image (png, jpeg, webp, gif, within the size limit) of the caller',
  owner_cannot_leave: 'The owner cannot leave their server; delete it instead',
  upload_missing: 'The asset has no uploaded bytes yet',
  size_mismatch: 'The uploaded bytes differ in size from the declared size',
  content_type_mismatch: 'The upload’s Content-Type differs from the declared one',
  unsupported_content_type: 'The declared content type is not one the server accepts',
  invalid_attachment: 'An attachment id names no completed asset of the caller',
  too_many_pins: 'The channel already has the most pinned messages allowed (50)',
  cannot_block_self: 'A user cannot block themselves',
  invalid_avatar:
    'avatar_asset_id names no completed image (png, jpeg, webp, gif, within the size limit) of the caller',
  invalid_reset_token: 'The password reset token is unknown or was already used',
  reset_token_expired: 'The password reset token has expired: ask for a new one',
  // 401
  missing_token: 'No bearer token (or `?token=` on /ws)',
  invalid_token: 'The token is malformed, badly signed, of the wrong kind or for another audience',
  token_expired: 'The token has expired: refresh, then retry',
  partial_token_required: 'This 2FA step needs the partial token from login',
  access_token_required: 'This call needs an access token: finish two-factor login first',
  partial_token_used: 'This partial token already finished a sign-in: log in again',
  invalid_credentials: 'Wrong email or password',
  invalid_code: 'Wrong TOTP code',
  code_already_used: 'This TOTP code was already used; wait for the next one',
  invalid_recovery_code: 'Wrong or already used recovery code',
  invalid_refresh_token: 'Unknown refresh token',
  refresh_token_expired: 'The refresh token has expired: sign in again',
  refresh_token_revoked: 'The refresh token was revoked (logout)',
  refresh_token_reused: 'A rotated refresh token was used again; its whole session was revoked',
  unauthorized: 'Official only: the request did not come through the Edge',
  // 403
  missing_permission: 'The caller lacks a permission the action needs; the message names it',
  invalid_password: 'Wrong password for a sensitive account action',
  invalid_signature: 'A storage URL’s signature does not match',
  url_expired: 'A storage URL has expired',
  not_owner: 'Only the server’s owner may do this',
  not_author: 'Only the author may edit a message',
  cannot_kick_owner: 'The owner cannot be kicked',
  cannot_delete_everyone: 'The @everyone role cannot be deleted',
  role_hierarchy: 'The role is at or above the caller’s highest role (only the owner is above all)',
  member_hierarchy: 'The member’s highest role is at or above the caller’s (or the member is the owner)',
  cannot_ban_owner: 'The owner cannot be banned',
  cannot_timeout_admin: 'A member with ADMINISTRATOR (or the owner) cannot be timed out',
  member_timed_out: 'The caller is timed out in this server until the time the message names: reading only',
  banned: 'The caller is banned from the server this invite leads to',
  // 404
  unknown_route: 'No such route',
  unknown_user: 'No such user (or the account was deleted)',
  unknown_server: 'No such server, or the caller is not a member',
  unknown_channel: 'No such channel, or the caller cannot view it',
  unknown_message: 'No such message in this channel',
  unknown_member: 'No such member of this server',
  unknown_role: 'No such role in this server',
  unknown_overwrite: 'No such permission overwrite on this channel',
  unknown_invite: 'No such invite, or it expired or was used up',
  unknown_ban: 'The user is not banned from this server',
  unknown_asset: 'No such asset of the caller',
  unknown_object: 'No stored bytes at this storage URL',
  unknown_session: 'No such signed-in session of the caller',
  // 405, 409, 413, 414, 415, 429, 431
  method_not_allowed: 'The route exists but not with this method; see the Allow header',
  username_taken: 'The username is taken',
  email_taken: 'The email is already registered',
  twofa_not_set_up: 'Call /auth/2fa/setup first',
  twofa_not_enabled: 'Two-factor authentication is not enabled yet',
  twofa_already_enabled: 'Two-factor authentication is already enabled',
  already_completed: 'The asset upload was already completed',
  payload_too_large: 'The request body is over the limit',
  asset_too_large: 'The declared asset size is over the limit',
  upload_too_large: 'The uploaded bytes are over the declared or allowed size',
  uri_too_long: 'The request line is too long',
  unsupported_media_type: 'The body’s Content-Type is not accepted here',
  invalid_image: 'The stored bytes of an image are not a decodable image (or too many pixels)',
  rate_limited: 'Too many requests; see Retry-After',
  headers_too_large: 'The request headers are too large',
  // 5xx
  request_timeout: 'The request took too long to arrive',
  internal: 'An unexpected failure (logged with the request id)',
  bad_gateway: 'The Edge got no valid answer from the service behind it',
  upstream_timeout: 'The service behind the Edge did not answer in time',
  unavailable: 'A backend is unreachable or the service is shutting down; retry',
  not_ready: '/readyz: a dependency does not answer',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
/** The things `unknown_<thing>` names. */
export type UnknownThing = ErrorCode extends infer C ? (C extends `unknown_${infer T}` ? T : never) : never;

/** The one shape of an error answer (its wire schema is ErrorSchema in schemas.ts). */
export function errorBody(code: ErrorCode, message: string): { error: { code: ErrorCode; message: string } } {
  return { error: { code, message } };
}

/** An error with a status and a stable code, thrown anywhere and answered by each service's handler. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  body(): ReturnType<typeof errorBody> {
    return errorBody(this.code, this.message);
  }
}

export const badRequest = (code: ErrorCode, message: string) => new AppError(400, code, message);
export const unauthorized = (message: string, code: ErrorCode = 'invalid_token') =>
  new AppError(401, code, message);
export const forbidden = (message: string, code: ErrorCode = 'missing_permission') =>
  new AppError(403, code, message);
export const notFound = (what: UnknownThing) => new AppError(404, `unknown_${what}`, `Unknown ${what}`);
export const conflict = (code: ErrorCode, message: string) => new AppError(409, code, message);
export const tooLarge = (message = 'Payload too large') => new AppError(413, 'payload_too_large', message);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', `Too many requests, retry in ${retryAfterSeconds} s`, {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });
export const unavailable = (message = 'Service temporarily unavailable') =>
  new AppError(503, 'unavailable', message);
