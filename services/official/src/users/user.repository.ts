/** SQL of public profiles: a user, seen by someone who shares a server with them (or by themselves). */
import type { DB, Kysely } from '@twopointo/db';

export interface ProfileRow {
  id: string;
  username: string;
  display_name: string | null;
  avatar: string | null;
  about: string | null;
}

export class UserProfileRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The profile of `userId` when `viewerId` is that user or a member of one of their servers. */
  findVisible(viewerId: string, userId: string): Promise<ProfileRow | undefined> {
    return this.db
      .selectFrom('users as u')
      .select(['u.id', 'u.username', 'u.display_name', 'u.avatar_asset_id as avatar', 'u.about'])
      .where('u.id', '=', userId)
      .where((eb) =>
        eb.or([
          eb('u.id', '=', viewerId),
          eb.exists(
            eb
              .selectFrom('members as theirs')
              .innerJoin('members as mine', 'mine.server_id', 'theirs.server_id')
              .select('theirs.server_id')
              .whereRef('theirs.user_id', '=', 'u.id')
              .where('mine.user_id', '=', viewerId),
          ),
        ]),
      )
      .executeTakeFirst();
  }
}
