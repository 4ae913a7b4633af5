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

  async revokeAllOfUser(userId: string): Promise<void> {
    await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }
}
