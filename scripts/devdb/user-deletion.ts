/** make dev-delete-user: finds one user by email and deletes them the way DELETE /id/me does. */
import type { DB, Kysely } from '@twopointo/db';
import { UserDeletionRepository, deleteUser } from '@twopointo/identity/user-deletion';

export interface UserDeletion {
  userId: string;
  email: string;
  /** rows deleted per table, in deletion order */
  counts: Record<string, number>;
  /** 2FA was set up (its secret lived on the user row) */
  hadTwoFactor: boolean;
  /** stored objects of the deleted assets, to remove once the transaction committed */
  storageKeys: string[];
}

const repo = new UserDeletionRepository();

/** Everything of the user goes, in one transaction (see Identity's deleteUser); null when no such email. */
export async function deleteUserByEmail(db: Kysely<DB>, email: string): Promise<UserDeletion | null> {
  return db.transaction().execute(async (trx) => {
    const user = await repo.lockByEmail(trx, email);
    if (!user) return null;
    const { counts, storageKeys } = await deleteUser(repo, trx, user.id);
    return {
      userId: String(user.id),
      email: user.email,
      counts,
      hadTwoFactor: user.totp_enabled || user.totp_secret !== null,
      storageKeys,
    };
  });
}
