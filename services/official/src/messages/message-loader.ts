/**
 * Completes message rows (which carry their reaction counts) into wire messages: their attachments in
 * one query for all the rows, and only when a row has any (the page query's has_attachments).
 */
import type { DB, Kysely } from '@twopointo/db';
import type { Message } from '@twopointo/shared';
import { presentMessage } from './message.presenter.ts';
import { rowReactions, type MessageRepository, type PageRow } from './message.repository.ts';

export class MessageLoader {
  constructor(private readonly messages: Pick<MessageRepository, 'attachments'>) {}

  async present(rows: PageRow[], q?: Kysely<DB>): Promise<Message[]> {
    const withFiles = rows.filter((r) => r.has_attachments).map((r) => r.id);
    const attachments = withFiles.length > 0 ? await this.messages.attachments(withFiles, q) : undefined;
    return rows.map((r) => presentMessage(r, attachments?.get(r.id), rowReactions(r)));
  }
}
