/** Maps user rows to Identity's wire types (packages/shared schemas). */
import type { UserRow } from '@twopointo/db';
import type { Me, RegisteredUser } from '@twopointo/shared';

export function presentRegisteredUser(row: UserRow): RegisteredUser {
  return { id: row.id, email: row.email, username: row.username };
}

export function presentMe(row: UserRow): Me {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    created_at: new Date(row.created_at).toISOString(),
    twofa_enabled: row.totp_enabled,
  };
}
