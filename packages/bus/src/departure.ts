/**
 * Events for a user leaving the system (account deletion, dev-delete-user): the database cascades
 * remove their servers and memberships silently, so these outbox rows tell connected clients.
 * Call inside the deleting transaction, before the user row goes.
 */
import { newId } from '@twopointo/shared';
import type { DB, Kysely } from '@twopointo/db';
import { enqueueEvent } from './relay.ts';

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
