/**
 * Events for a user leaving the system (account deletion, dev-delete-user): deleting the user
 * removes their servers, memberships and DM places without Official, so these outbox rows tell
 * connected clients. Call inside the deleting transaction, before the user's rows go. Exported as
 * `@twopointo/official/departure`, which loads nothing else of Official.
 */
import { enqueueEvent, USER_SCOPED } from '@twopointo/bus';
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
  // their DMs stay with the others in them, who hear that the user is gone (their messages go too)
  const dmPeers = await trx
    .selectFrom('channel_recipients as mine')
    .innerJoin('channel_recipients as peer', 'peer.channel_id', 'mine.channel_id')
    .innerJoin('users as u', 'u.id', 'mine.user_id')
    .select(['mine.channel_id', 'peer.user_id', 'u.username'])
    .where('mine.user_id', '=', userId)
    .where('peer.user_id', '<>', userId)
    .orderBy('mine.channel_id')
    .orderBy('peer.user_id')
    .execute();
  for (const { channel_id, user_id, username } of dmPeers) {
    await enqueueEvent(trx, {
      id: newId(),
      t: 'CHANNEL_RECIPIENT_REMOVE',
      server_id: USER_SCOPED,
      user_id,
      channel_id,
      data: JSON.stringify({ channel_id, user: { id: userId, username } }),
    });
    n++;
  }
  return n;
}
