/** Refresh tokens (hashed), grouped in rotation families. */
import type { DB, Kysely } from '@twopointo/db';

export interface RefreshTokenRow {
  id: string;
  user_id: string;
  family_id: string;
  token_hash: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
  user_agent: string | null;
}

/** A live session: the family's unspent, unrevoked, unexpired token and when the family began. */
export interface LiveSessionRow {
  id: string;
  created_at: Date;
  last_used_at: Date;
  user_agent: string | null;
}

export class RefreshTokenRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(
    trx: Kysely<DB>,
    row: {
      id: string;
      user_id: string;
      family_id: string;
      token_hash: string;
      expires_at: Date;
      user_agent: string | null;
    },
  ): Promise<void> {
    await trx.insertInto('refresh_tokens').values(row).execute();
  }

  findByHash(hash: string): Promise<RefreshTokenRow | undefined> {
    return this.db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  }

  /** Marks a live token used; false when another request used or revoked it first. */
  async markUsed(trx: Kysely<DB>, id: string): Promise<boolean> {
    const row = await trx
      .updateTable('refresh_tokens')
      .set({ used_at: new Date() })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: new Date() })
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** One row per live session of the user (its newest token was issued at the last sign-in or refresh). */
  liveSessions(userId: string): Promise<LiveSessionRow[]> {
    return this.db
      .selectFrom('refresh_tokens as t')
      .select((eb) => [
        't.family_id as id',
        't.created_at as last_used_at',
        't.user_agent',
        eb
          .selectFrom('refresh_tokens as f')
          .select((f) => f.fn.min<Date>('f.created_at').as('c'))
          .whereRef('f.family_id', '=', 't.family_id')
          .as('created_at'),
      ])
      .where('t.user_id', '=', userId)
      .where('t.used_at', 'is', null)
      .where('t.revoked_at', 'is', null)
      .where('t.expires_at', '>', new Date())
      .orderBy('t.created_at', 'desc')
      .execute() as Promise<LiveSessionRow[]>;
  }

  /** Revokes a live session of the user; false when the user has no such live session. */
  async revokeSession(userId: string, familyId: string): Promise<boolean> {
    const rows = await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', userId)
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning('id')
      .execute();
    if (rows.length === 0) return false;
    await this.revokeFamily(familyId);
    return true;
  }

  /** Revokes every session of the user but `keepFamilyId` (inside the caller's transaction). */
  async revokeAllExcept(trx: Kysely<DB>, userId: string, keepFamilyId: string | undefined): Promise<void> {
    let q = trx
      .updateTable('refresh_tokens')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (keepFamilyId) q = q.where('family_id', '<>', keepFamilyId);
    await q.execute();
  }

  async revokeAllOfUser(userId: string): Promise<void> {
    await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }
}
