/** The X-Audit-Log-Reason header: URL-encoded text (Discord's), at most 512 characters once decoded. */
import { badRequest } from '@twopointo/shared';

export const MAX_AUDIT_REASON = 512;

/** The decoded, trimmed reason, or null when none was given; 400 for a bad one. */
export function parseAuditReason(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  if (Array.isArray(header)) throw badRequest('invalid_input', 'headers.x-audit-log-reason: give it once');
  let text: string;
  try {
    text = decodeURIComponent(header);
  } catch {
    throw badRequest('invalid_input', 'headers.x-audit-log-reason: must be URL-encoded');
  }
  text = text.trim();
  if (text.length > MAX_AUDIT_REASON)
    throw badRequest('invalid_input', `headers.x-audit-log-reason: at most ${MAX_AUDIT_REASON} characters`);
  return text === '' ? null : text;
}
