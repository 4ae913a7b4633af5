/**
 * Events for a user leaving the system (account deletion, dev-delete-user): deleting the user
 * removes their servers and memberships without Official, so these outbox rows tell connected
 * clients. Call inside the deleting transaction, before the user's rows go. Exported as
 * `@twopointo/official/departure`, which loads nothing else of Official.
 */
import { enqueueEvent } from '@twopointo/bus';
import type { DB, Kysely } from '@twopointo/db';
import { newId } from '@twopointo/shared';

export async function enqueueUserDepartureEvents(trx: Kysely<DB>, userId: string): Promise<number> {
  const owned = await trx.selectFrom('servers').select('id').where('owner_id', '=', userId).execute();
  const ownedIds = new Set(owned.map((s) => s.id));
  const memberships = await trx
    .selectFrom('members')
    .select('server_id')
    .where('user_id', '=', userId)
    .execute();
  let n = 0;
  for (const { server_id } of memberships) {
    if (ownedIds.has(server_id)) continue;
    await enqueueEvent(trx, {
      id: newId(),
      t: 'MEMBER_LEAVE',
      server_id,
      data: JSON.stringify({ server_id, user_id: userId }),
    });
    n++;
  }
  for (const { id } of owned) {
    await enqueueEvent(trx, { id: newId(), t: 'SERVER_DELETE', server_id: id, data: JSON.stringify({ id }) });
    n++;
  }
  return n;
}
