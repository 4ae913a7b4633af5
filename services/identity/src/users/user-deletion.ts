/**
 * The one way a user is deleted, shared by DELETE /me and `make dev-delete-user`; exported as
 * `@twopointo/identity/user-deletion`, which loads nothing else of Identity.
 */
import type { DB, Kysely } from '@twopointo/db';
import { enqueueUserDepartureEvents } from '@twopointo/official/departure';
import type { UserDeletionRepository } from './user-deletion.repository.ts';

export { UserDeletionRepository, type UserToDelete } from './user-deletion.repository.ts';

export interface DeletedUser {
  /** rows deleted per table, in deletion order */
  counts: Record<string, number>;
  /** stored objects of the deleted assets: remove them once the transaction committed */
  storageKeys: string[];
}

/**
 * Deletes the user and everything that is theirs inside the caller's transaction. A failed object
 * delete after the commit leaves an orphaned object, never a half-deleted user.
 */
export async function deleteUser(
  repo: UserDeletionRepository,
  trx: Kysely<DB>,
  userId: string,
): Promise<DeletedUser> {
  // servers and memberships go without Official: connected clients hear of it through the outbox
  await enqueueUserDepartureEvents(trx, userId);
  const storageKeys = await repo.storageKeysOfOwner(trx, userId);
  const counts = await repo.deleteEverything(trx, userId);
  return { counts, storageKeys };
}
