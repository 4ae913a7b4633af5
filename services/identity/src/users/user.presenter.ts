/** Maps user rows to Identity's wire types (packages/shared schemas). */
import type { UserRow } from '@twopointo/db';
import type { Me, PublicUser, RegisteredUser } from '@twopointo/shared';

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
    display_name: row.display_name,
    avatar: row.avatar_asset_id,
    about: row.about,
  };
}

/** What everyone may see of a user (USER_UPDATE). */
export function presentPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    username: row.username,
    display_name: row.display_name,
    avatar: row.avatar_asset_id,
    about: row.about,
  };
}
