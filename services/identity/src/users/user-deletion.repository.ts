/** SQL for deleting a user and everything that is theirs; every method runs in the caller's transaction. */
import { sql, type DB, type Kysely } from '@twopointo/db';

export interface UserToDelete {
  id: string;
  email: string;
  totp_secret: string | null;
  totp_enabled: boolean;
}

export class UserDeletionRepository {
  /** The user with this email (case-insensitive, as login matches it), locked until the commit. */
  lockByEmail(trx: Kysely<DB>, email: string): Promise<UserToDelete | undefined> {
    return trx
      .selectFrom('users')
      .select(['id', 'email', 'totp_secret', 'totp_enabled'])
      .where(sql<boolean>`lower(email) = lower(${email})`)
      .forUpdate()
      .executeTakeFirst();
  }

  /**
   * The user's stored objects (their assets and the resized copies of their public images, whose
   * rows go with the assets), read before the rows go so the bytes can go too.
   */
  async storageKeysOfOwner(trx: Kysely<DB>, userId: string): Promise<string[]> {
    const rows = await trx
      .selectFrom('assets')
      .select('storage_key')
      .where('owner_id', '=', userId)
      .unionAll(
        trx
          .selectFrom('image_variants')
          .innerJoin('assets', 'assets.id', 'image_variants.asset_id')
          .select('image_variants.storage_key')
          .where('assets.owner_id', '=', userId),
      )
      .execute();
    return rows.map((r) => r.storage_key);
  }

  /**
   * Everything of the user goes: the servers they own (with their channels, messages, roles,
   * invites, members), their messages and memberships elsewhere, invites they created, member
   * overwrites naming them, their assets, recovery codes, refresh tokens and the user row.
   * Deleted table by table (children first) so every count is exact; rows deleted per table, in
   * deletion order.
   */
  async deleteEverything(trx: Kysely<DB>, uid: string): Promise<Record<string, number>> {
    const owned = trx.selectFrom('servers').select('id').where('owner_id', '=', uid);
    const ownedChannels = trx.selectFrom('channels').select('id').where('server_id', 'in', owned);
    const theirMessages = trx
      .selectFrom('messages')
      .select('id')
      .where((eb) => eb.or([eb('server_id', 'in', owned), eb('author_id', '=', uid)]));
    const theirAssets = trx.selectFrom('assets').select('id').where('owner_id', '=', uid);

    const counts: Record<string, number> = {};
    const count = (table: string, r: { numDeletedRows: bigint }) => {
      counts[table] = Number(r.numDeletedRows);
    };

    count(
      'message_attachments',
      await trx
        .deleteFrom('message_attachments')
        .where((eb) => eb.or([eb('message_id', 'in', theirMessages), eb('asset_id', 'in', theirAssets)]))
        .executeTakeFirst(),
    );
    count(
      'messages',
      await trx
        .deleteFrom('messages')
        .where((eb) => eb.or([eb('server_id', 'in', owned), eb('author_id', '=', uid)]))
        .executeTakeFirst(),
    );
    count(
      'channel_overwrites',
      await trx
        .deleteFrom('channel_overwrites')
        .where((eb) =>
          eb.or([
            eb('channel_id', 'in', ownedChannels),
            eb.and([eb('type', '=', 'member'), eb('target_id', '=', uid)]),
          ]),
        )
        .executeTakeFirst(),
    );
    count('channels', await trx.deleteFrom('channels').where('server_id', 'in', owned).executeTakeFirst());
    count(
      'member_roles',
      await trx
        .deleteFrom('member_roles')
        .where((eb) => eb.or([eb('server_id', 'in', owned), eb('user_id', '=', uid)]))
        .executeTakeFirst(),
    );
    count('roles', await trx.deleteFrom('roles').where('server_id', 'in', owned).executeTakeFirst());
    count(
      'invites',
      await trx
        .deleteFrom('invites')
        .where((eb) => eb.or([eb('server_id', 'in', owned), eb('inviter_id', '=', uid)]))
        .executeTakeFirst(),
    );
    count(
      'members',
      await trx
        .deleteFrom('members')
        .where((eb) => eb.or([eb('server_id', 'in', owned), eb('user_id', '=', uid)]))
        .executeTakeFirst(),
    );
    count('servers', await trx.deleteFrom('servers').where('owner_id', '=', uid).executeTakeFirst());
    count('assets', await trx.deleteFrom('assets').where('owner_id', '=', uid).executeTakeFirst());
    count(
      'recovery_codes',
      await trx.deleteFrom('recovery_codes').where('user_id', '=', uid).executeTakeFirst(),
    );
    count(
      'refresh_tokens',
      await trx.deleteFrom('refresh_tokens').where('user_id', '=', uid).executeTakeFirst(),
    );
    count('users', await trx.deleteFrom('users').where('id', '=', uid).executeTakeFirst());
    return counts;
  }
}
