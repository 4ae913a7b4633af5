/**
 * DMs (as Discord): a 1:1 DM per pair of users, found or created; group DMs of up to 10 people
 * that any recipient may rename or add to, that anyone may leave and whose owner may remove
 * others. A DM is opened, or someone added, only with users who share a server with the caller
 * and have not blocked them. Every change is a user-scoped event to each recipient.
 */
import {
  badRequest,
  forbidden,
  newId,
  notFound,
  unauthorized,
  type DmChannel,
  type UserRef,
} from '@twopointo/shared';
import type { DmAccess } from '../access/access.service.ts';
import type { Emit, Transactor } from '../events/transactor.ts';
import type { Actor } from '../http/trust.ts';
import type { DB, Kysely } from '@twopointo/db';
import { presentDm } from './dm.presenter.ts';
import type { DmRepository, DmRow } from './dm.repository.ts';
import { MAX_DM_PEOPLE } from './dm.schema.ts';

/** A write that lost a race with an account removal answers what a check would have. */
function raceError(err: unknown): unknown {
  const e = err as { code?: string; constraint?: string };
  if (e?.code !== '23503') return err;
  if (e.constraint === 'channel_recipients_user_id_fkey') return notFound('user');
  if (e.constraint === 'channels_owner_id_fkey')
    return unauthorized('Account no longer exists', 'unknown_user');
  return err;
}

export class DmService {
  constructor(
    private readonly repo: DmRepository,
    private readonly tx: Transactor,
  ) {}

  /** The 1:1 DM with one user (`created` false when it existed), or a new group DM with 2-9. */
  async open(
    actor: Actor,
    body: { recipient_ids: string[]; name?: string },
  ): Promise<{ channel: DmChannel; created: boolean }> {
    const ids = [...new Set(body.recipient_ids)];
    if (ids.includes(actor.id)) throw badRequest('cannot_dm_self', 'recipient_ids: you cannot DM yourself');
    if (ids.length + 1 > MAX_DM_PEOPLE)
      throw badRequest(
        'too_many_recipients',
        `A group DM holds at most ${MAX_DM_PEOPLE} people, you included`,
      );
    await this.requireReachable(actor, ids);
    if (ids.length === 1) {
      const existing = await this.repo.findPair(actor.id, ids[0]!);
      if (existing) return { channel: await this.reopen(actor, existing), created: false };
    }
    const type = ids.length === 1 ? 'dm' : 'group_dm';
    const userIds = [actor.id, ...ids];
    try {
      return await this.tx.run(async (trx, emit) => {
        const id = newId();
        const made = await this.repo.create(trx, {
          id,
          type,
          name: type === 'group_dm' ? (body.name?.trim() ?? '') : '',
          ownerId: type === 'group_dm' ? actor.id : null,
          userIds,
        });
        if (!made) {
          // a concurrent request opened the pair's DM first: that one is the answer
          const won = await this.repo.findPair(actor.id, ids[0]!, trx);
          if (!won) throw notFound('channel');
          return { channel: await this.present(won, actor.id, trx), created: false };
        }
        const row = (await this.repo.find(id, trx))!;
        const everyone = (await this.repo.recipients([id], trx)).get(id) ?? [];
        for (const u of everyone)
          await emit.toUser('DM_CHANNEL_CREATE', u.id, presentDm(row, everyone, u.id));
        return { channel: presentDm(row, everyone, actor.id), created: true };
      });
    } catch (err) {
      throw raceError(err);
    }
  }

  /** The caller's DMs, the most recently active first. */
  async list(actor: Actor): Promise<DmChannel[]> {
    const rows = await this.repo.listFor(actor.id);
    const recipients = await this.repo.recipients(rows.map((r) => r.id));
    return rows.map((r) => presentDm(r, recipients.get(r.id) ?? [], actor.id));
  }

  /** Adds a user to a group DM; one already in it is 204 again and emits nothing. */
  async addRecipient(actor: Actor, channelId: string, userId: string): Promise<void> {
    const access = await this.requireGroup(actor, channelId);
    if (access.recipients.includes(userId)) return;
    await this.requireReachable(actor, [userId]);
    try {
      await this.tx.run(async (trx, emit) => {
        if (!(await this.repo.lock(trx, channelId))) throw notFound('channel');
        const before = (await this.repo.recipients([channelId], trx)).get(channelId) ?? [];
        if (!before.some((u) => u.id === actor.id)) throw notFound('channel');
        if (before.some((u) => u.id === userId)) return;
        if (before.length + 1 > MAX_DM_PEOPLE)
          throw badRequest('too_many_recipients', `A group DM holds at most ${MAX_DM_PEOPLE} people`);
        await this.repo.addRecipients(trx, channelId, [userId], newId());
        const row = (await this.repo.find(channelId, trx))!;
        const everyone = (await this.repo.recipients([channelId], trx)).get(channelId) ?? [];
        const added = everyone.find((u) => u.id === userId)!;
        await emit.toUser('DM_CHANNEL_CREATE', userId, presentDm(row, everyone, userId));
        for (const u of before)
          await emit.toUser('CHANNEL_RECIPIENT_ADD', u.id, { channel_id: channelId, user: added }, channelId);
      });
    } catch (err) {
      throw raceError(err);
    }
  }

  /**
   * Takes a user out of a group DM: the caller themselves (leaving), or anyone when the caller
   * owns it. An owner who leaves hands the DM to the recipient who joined first; the last one to
   * leave deletes it.
   */
  async removeRecipient(actor: Actor, channelId: string, userId: string): Promise<void> {
    const access = await this.requireGroup(actor, channelId);
    if (userId !== actor.id && access.channel.owner_id !== actor.id)
      throw forbidden('Only the owner of the group DM can remove someone else', 'not_dm_owner');
    if (!access.recipients.includes(userId)) throw notFound('user');
    await this.tx.run(async (trx, emit) => {
      if (!(await this.repo.lock(trx, channelId))) throw notFound('channel');
      const before = (await this.repo.recipients([channelId], trx)).get(channelId) ?? [];
      const removed = before.find((u) => u.id === userId);
      if (!removed || !(await this.repo.removeRecipient(trx, channelId, userId))) throw notFound('user');
      const rest = before.filter((u) => u.id !== userId);
      if (rest.length === 0) {
        await this.repo.delete(trx, channelId);
      } else if (access.channel.owner_id === userId) {
        await this.repo.update(trx, channelId, {
          owner_id: (await this.repo.firstRecipient(trx, channelId)) ?? null,
        });
      }
      for (const u of before)
        await emit.toUser(
          'CHANNEL_RECIPIENT_REMOVE',
          u.id,
          { channel_id: channelId, user: removed },
          channelId,
        );
      if (rest.length > 0 && access.channel.owner_id === userId)
        await this.announce(trx, emit, channelId, rest);
    });
  }

  /**
   * DELETE /channels/:cid on a DM (as Discord): a 1:1 DM is closed for the caller only (hidden
   * from their list, history kept, shown again by a newer message or by opening it again;
   * DM_CHANNEL_DELETE to their sockets); a group DM is left.
   */
  async close(actor: Actor, channelId: string): Promise<void> {
    const access = await actor.access.requireConversation(channelId);
    if (access.kind !== 'dm') throw notFound('channel');
    if (access.channel.type === 'group_dm') return this.removeRecipient(actor, channelId, actor.id);
    await this.tx.run(async (trx, emit) => {
      if (!(await this.repo.close(trx, channelId, actor.id))) throw notFound('channel');
      await emit.toUser('DM_CHANNEL_DELETE', actor.id, { id: channelId });
    });
  }

  /** The 1:1 DM opened again: listed for the caller once more (DM_CHANNEL_CREATE to them when it was closed). */
  private async reopen(actor: Actor, row: DmRow): Promise<DmChannel> {
    const channel = await this.present(row, actor.id);
    await this.tx.run(async (trx, emit) => {
      if (await this.repo.reopen(row.id, actor.id, trx))
        await emit.toUser('DM_CHANNEL_CREATE', actor.id, channel);
    });
    return channel;
  }

  /** Renames a group DM (PATCH /channels/:cid with only `name`); any recipient may. */
  async rename(actor: Actor, channelId: string, body: { name?: string }): Promise<DmChannel> {
    await this.requireGroup(actor, channelId);
    const name = body.name;
    if (name === undefined || Object.keys(body).length !== 1)
      throw badRequest('invalid_input', 'body: a group DM takes only `name`');
    return this.tx.run(async (trx, emit) => {
      await this.repo.update(trx, channelId, { name: name.trim() });
      const everyone = (await this.repo.recipients([channelId], trx)).get(channelId) ?? [];
      const row = await this.announce(trx, emit, channelId, everyone);
      return presentDm(row, everyone, actor.id);
    });
  }

  /** DM_CHANNEL_UPDATE to each of `to`; the row as it now is. */
  private async announce(trx: Kysely<DB>, emit: Emit, channelId: string, to: UserRef[]): Promise<DmRow> {
    const row = await this.repo.find(channelId, trx);
    if (!row) throw notFound('channel');
    const everyone = (await this.repo.recipients([channelId], trx)).get(channelId) ?? [];
    for (const u of to)
      await emit.toUser('DM_CHANNEL_UPDATE', u.id, presentDm(row, everyone, u.id), channelId);
    return row;
  }

  /** A group DM the caller is in (404 otherwise; a 1:1 DM is 400 not_group_dm). */
  private async requireGroup(actor: Actor, channelId: string): Promise<DmAccess> {
    const access = await actor.access.requireConversation(channelId);
    if (access.kind !== 'dm') throw notFound('channel');
    if (access.channel.type !== 'group_dm')
      throw badRequest('not_group_dm', 'Only a group DM can be renamed or have recipients added or removed');
    return access;
  }

  /** Every user exists (404), shares a server with the caller (403) and has not blocked them (403). */
  private async requireReachable(actor: Actor, ids: string[]): Promise<void> {
    const [users, sharing, blockers] = await Promise.all([
      this.repo.users(ids),
      this.repo.sharingAServer(actor.id, ids),
      this.repo.blockersOf(actor.id, ids),
    ]);
    if (ids.some((id) => !users.has(id))) throw notFound('user');
    if (ids.some((id) => !sharing.has(id)))
      throw forbidden('You share no server with that user', 'no_shared_server');
    if (blockers.size > 0) throw forbidden('That user does not accept DMs from you', 'blocked');
  }

  private async present(row: DmRow, viewerId: string, q?: Kysely<DB>): Promise<DmChannel> {
    const everyone = (await this.repo.recipients([row.id], q)).get(row.id) ?? [];
    return presentDm(row, everyone, viewerId);
  }
}
