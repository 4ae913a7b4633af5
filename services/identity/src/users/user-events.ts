/**
 * USER_UPDATE through the outbox, in the transaction of the profile change: one user-scoped
 * record to the user's own sockets, and one per server they are a member of, so its members'
 * clients redraw names and avatars. Official's relay publishes them.
 */
import { USER_SCOPED, enqueueEvent } from '@twopointo/bus';
import type { DB, Kysely } from '@twopointo/db';
import { newId, type PublicUser } from '@twopointo/shared';

export async function enqueueUserUpdate(trx: Kysely<DB>, user: PublicUser): Promise<void> {
  const data = JSON.stringify(user);
  await enqueueEvent(trx, { id: newId(), t: 'USER_UPDATE', server_id: USER_SCOPED, user_id: user.id, data });
  const servers = await trx.selectFrom('members').select('server_id').where('user_id', '=', user.id).execute();
  for (const { server_id } of servers) {
    await enqueueEvent(trx, { id: newId(), t: 'USER_UPDATE', server_id, data });
  }
}
