/**
 * Blocks: a user blocks anyone but themselves; the blocked user is not told. Idempotent: only a
 * change emits RELATIONSHIP_UPDATE, user-scoped to the blocker's sockets. (The rules that use
 * blocks, e.g. no DM from a blocked user, come with DMs.)
 */
import { badRequest, notFound, unauthorized, type UserRef } from '@twopointo/shared';
import type { Transactor } from '../events/transactor.ts';
import type { Actor } from '../http/trust.ts';
import type { BlockRepository } from './block.repository.ts';

function refuseSelf(actor: Actor, userId: string): void {
  if (userId === actor.id) throw badRequest('cannot_block_self', 'You cannot block yourself');
}

/** A block that lost a race with an account removal answers what a check would have. */
function raceError(err: unknown): unknown {
  const e = err as { code?: string; constraint?: string };
  if (e?.code !== '23503') return err;
  if (e.constraint === 'user_blocks_blocked_id_fkey') return notFound('user');
  if (e.constraint === 'user_blocks_user_id_fkey')
    return unauthorized('Account no longer exists', 'unknown_user');
  return err;
}

export class BlockService {
  constructor(
    private readonly repo: BlockRepository,
    private readonly tx: Transactor,
  ) {}

  async block(actor: Actor, userId: string): Promise<void> {
    refuseSelf(actor, userId);
    if (!(await this.repo.userExists(userId))) throw notFound('user');
    try {
      await this.tx.run(async (trx, emit) => {
        if (await this.repo.add(trx, actor.id, userId))
          await emit.toUser('RELATIONSHIP_UPDATE', actor.id, { user_id: userId, type: 'blocked' });
      });
    } catch (err) {
      throw raceError(err);
    }
  }

  /** Unblocking someone not blocked (or no longer existing) changes nothing and is fine. */
  async unblock(actor: Actor, userId: string): Promise<void> {
    refuseSelf(actor, userId);
    await this.tx.run(async (trx, emit) => {
      if (await this.repo.remove(trx, actor.id, userId))
        await emit.toUser('RELATIONSHIP_UPDATE', actor.id, { user_id: userId, type: 'none' });
    });
  }

  list(actor: Actor): Promise<UserRef[]> {
    return this.repo.list(actor.id);
  }
}
