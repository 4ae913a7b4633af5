/**
 * Pins (as Discord): MANAGE_MESSAGES to pin and unpin (in a DM, any recipient), at most MAX_PINS per
 * channel, listing needs READ_MESSAGE_HISTORY. Idempotent: only a change emits CHANNEL_PINS_UPDATE to
 * the channel (or the DM's recipients). A pin also writes the system line "<actor> pinned a message"
 * (a message of type 'pin' referring to the pinned one, MESSAGE_CREATE) in the same transaction; an
 * unpin writes none.
 */
import type { DB, Kysely } from '@twopointo/db';
import { Permissions, badRequest, newId, notFound, type Message } from '@twopointo/shared';
import { audienceOf, type ConversationAccess } from '../access/access.service.ts';
import type { Emit, Transactor } from '../events/transactor.ts';
import { isoOrNull } from '../http/present.ts';
import type { Actor } from '../http/trust.ts';
import type { MessageLoader } from '../messages/message-loader.ts';
import { presentMessage } from '../messages/message.presenter.ts';
import type { PinRepository } from './pin.repository.ts';

export const MAX_PINS = 50;

export class PinService {
  constructor(
    private readonly repo: PinRepository,
    private readonly loader: MessageLoader,
    private readonly tx: Transactor,
  ) {}

  async pin(actor: Actor, channelId: string, messageId: string): Promise<void> {
    await this.set(actor, channelId, messageId, true);
  }

  async unpin(actor: Actor, channelId: string, messageId: string): Promise<void> {
    await this.set(actor, channelId, messageId, false);
  }

  async list(actor: Actor, channelId: string): Promise<Message[]> {
    await actor.access.requireConversation(channelId, Permissions.READ_MESSAGE_HISTORY);
    return this.loader.present(await this.repo.pinned(channelId, MAX_PINS, actor.id));
  }

  private async set(actor: Actor, channelId: string, messageId: string, pinned: boolean): Promise<void> {
    const visible = await actor.access.requireConversation(channelId);
    const access =
      visible.kind === 'dm'
        ? visible
        : await actor.access.requireChannel(channelId, Permissions.MANAGE_MESSAGES);
    await this.tx.run(async (trx, emit) => {
      // one pin change per channel at a time: two concurrent pins cannot both see room for one more
      if (!(await this.repo.lockChannel(trx, channelId))) throw notFound('channel');
      const at = await this.repo.pinnedAt(trx, messageId, channelId);
      if (at === undefined) throw notFound('message');
      if ((at !== null) === pinned) return;
      if (pinned && (await this.repo.count(trx, channelId)) >= MAX_PINS)
        throw badRequest('too_many_pins', `A channel can have at most ${MAX_PINS} pinned messages`);
      await this.repo.setPinnedAt(trx, messageId, pinned ? new Date() : null);
      await this.announce(trx, emit, access, channelId, messageId, pinned);
      if (pinned)
        await this.writePinLine(
          trx,
          emit,
          access,
          { id: actor.id, username: access.user.username },
          messageId,
        );
    });
  }

  private async writePinLine(
    trx: Kysely<DB>,
    emit: Emit,
    access: ConversationAccess,
    author: { id: string; username: string },
    pinnedId: string,
  ): Promise<void> {
    const channelId = access.channel.id;
    const serverId = access.channel.server_id;
    const line = {
      id: newId(),
      channelId,
      serverId,
      authorId: author.id,
      pinnedId,
      createdAt: new Date(),
    };
    await this.repo.insertPinLine(trx, line);
    const message = presentMessage({
      id: line.id,
      channel_id: channelId,
      server_id: serverId,
      author_id: author.id,
      author_username: author.username,
      content: '',
      reply_to_id: null,
      created_at: line.createdAt,
      edited_at: null,
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned_at: null,
      type: 'pin',
      reference_id: pinnedId,
    });
    await emit.to(audienceOf(access), 'MESSAGE_CREATE', message);
  }

  private async announce(
    trx: Kysely<DB>,
    emit: Emit,
    access: ConversationAccess,
    channelId: string,
    messageId: string,
    pinned: boolean,
  ): Promise<void> {
    await emit.to(audienceOf(access), 'CHANNEL_PINS_UPDATE', {
      channel_id: channelId,
      server_id: access.channel.server_id,
      last_pin_timestamp: isoOrNull(await this.repo.lastPinAt(trx, channelId)),
      message_id: messageId,
      pinned,
    });
  }
}
