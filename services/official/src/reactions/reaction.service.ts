/**
 * Reaction rules (as Discord): VIEW_CHANNEL and READ_MESSAGE_HISTORY to react, ADD_REACTIONS too
 * for an emoji nobody has used on the message yet. Adding and removing are idempotent: only a
 * change emits MESSAGE_REACTION_ADD/REMOVE to the channel's subscribers.
 */
import {
  Permissions,
  hasPermission,
  notFound,
  unauthorized,
  type MessageReactionEvent,
  type UserRef,
} from '@twopointo/shared';
import { audienceOf, requireNotTimedOut } from '../access/access.service.ts';
import { missingPermission } from '../access/permission-set.ts';
import type { Transactor } from '../events/transactor.ts';
import type { Actor } from '../http/trust.ts';
import type { MessageRepository } from '../messages/message.repository.ts';
import type { ReactionRepository } from './reaction.repository.ts';

const READ = Permissions.VIEW_CHANNEL | Permissions.READ_MESSAGE_HISTORY;

/** A write that lost a race with a delete (the message or the account) answers what a check would have. */
function raceError(err: unknown): unknown {
  const e = err as { code?: string; constraint?: string };
  if (e?.code !== '23503') return err;
  if (e.constraint === 'message_reactions_message_id_fkey') return notFound('message');
  if (e.constraint === 'message_reactions_user_id_fkey')
    return unauthorized('Account no longer exists', 'unknown_user');
  return err;
}

export class ReactionService {
  constructor(
    private readonly repo: ReactionRepository,
    private readonly messages: Pick<MessageRepository, 'existsInChannel'>,
    private readonly tx: Transactor,
  ) {}

  private async requireMessage(actor: Actor, channelId: string, messageId: string) {
    const access = await actor.access.requireConversation(channelId, READ);
    if (!(await this.messages.existsInChannel(messageId, channelId))) throw notFound('message');
    return access;
  }

  async add(actor: Actor, channelId: string, messageId: string, emoji: string): Promise<void> {
    const access = await this.requireMessage(actor, channelId, messageId);
    // a timed-out member reads only: not even a reaction someone else started
    requireNotTimedOut(access);
    const { channel, channelPermissions } = access;
    const mayAddNew = hasPermission(channelPermissions, Permissions.ADD_REACTIONS);
    try {
      await this.tx.run(async (trx, emit) => {
        const result = await this.repo.add(trx, messageId, emoji, actor.id, !mayAddNew);
        if (result === 'refused') throw missingPermission(Permissions.ADD_REACTIONS);
        if (result === 'present') return;
        const d: MessageReactionEvent = {
          message_id: messageId,
          channel_id: channelId,
          server_id: channel.server_id,
          user_id: actor.id,
          emoji,
        };
        await emit.to(audienceOf(access), 'MESSAGE_REACTION_ADD', d);
      });
    } catch (err) {
      throw raceError(err);
    }
  }

  async remove(actor: Actor, channelId: string, messageId: string, emoji: string): Promise<void> {
    const access = await this.requireMessage(actor, channelId, messageId);
    const { channel } = access;
    await this.tx.run(async (trx, emit) => {
      if (!(await this.repo.remove(trx, messageId, emoji, actor.id))) return;
      const d: MessageReactionEvent = {
        message_id: messageId,
        channel_id: channelId,
        server_id: channel.server_id,
        user_id: actor.id,
        emoji,
      };
      await emit.to(audienceOf(access), 'MESSAGE_REACTION_REMOVE', d);
    });
  }

  async users(
    actor: Actor,
    channelId: string,
    messageId: string,
    emoji: string,
    query: { limit?: number; after?: string },
  ): Promise<UserRef[]> {
    await this.requireMessage(actor, channelId, messageId);
    return this.repo.users(messageId, emoji, query.limit ?? 25, query.after);
  }
}
