/** Maps live session rows to the wire Session. */
import type { Session } from '@twopointo/shared';
import type { LiveSessionRow } from './refresh-token.repository.ts';

export function presentSession(row: LiveSessionRow, currentSid: string | undefined): Session {
  return {
    id: row.id,
    created_at: new Date(row.created_at).toISOString(),
    last_used_at: new Date(row.last_used_at).toISOString(),
    user_agent: row.user_agent,
    current: row.id === currentSid,
  };
}
