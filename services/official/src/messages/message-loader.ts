/**
 * Completes message rows into wire messages: their attachments and their reactions, one query
 * each for all the rows, and only when a row has any (the page query's has_* flags).
 */
import type { DB, Kysely } from '@twopointo/db';
import type { Message } from '@twopointo/shared';
import type { ReactionRepository } from '../reactions/reaction.repository.ts';
import { presentMessage } from './message.presenter.ts';
import type { MessageRepository, PageRow } from './message.repository.ts';

export class MessageLoader {
  constructor(
    private readonly messages: Pick<MessageRepository, 'attachments'>,
    private readonly reactions: Pick<ReactionRepository, 'summaries'>,
  ) {}

  /** `viewerId`: whose reactions `me` marks (null: none, e.g. for an event or a shared cache). */
  async present(rows: PageRow[], viewerId: string | null, q?: Kysely<DB>): Promise<Message[]> {
    const withFiles = rows.filter((r) => r.has_attachments).map((r) => r.id);
    const withReactions = rows.filter((r) => r.has_reactions).map((r) => r.id);
    const [attachments, reactions] = await Promise.all([
      withFiles.length > 0 ? this.messages.attachments(withFiles, q) : undefined,
      withReactions.length > 0 ? this.reactions.summaries(withReactions, viewerId, q) : undefined,
    ]);
    return rows.map((r) => presentMessage(r, attachments?.get(r.id), reactions?.get(r.id)));
  }
}
