/**
 * Message search in a server: members only, and only in the channels where the caller has both
 * VIEW_CHANNEL and READ_MESSAGE_HISTORY (the one resolver decides, per channel).
 */
import { Permissions, badRequest, notFound, type Message } from '@twopointo/shared';
import { missingPermission } from '../access/permission-set.ts';
import type { Actor } from '../http/trust.ts';
import type { MessageLoader } from '../messages/message-loader.ts';
import type { SearchRepository } from './search.repository.ts';
import { MAX_SEARCH_PAGE, SEARCH_COUNT_CAP, type SearchQuery } from './search.schema.ts';

const READ = Permissions.VIEW_CHANNEL | Permissions.READ_MESSAGE_HISTORY;

export class SearchService {
  constructor(
    private readonly repo: SearchRepository,
    private readonly messages: MessageLoader,
  ) {}

  async search(
    actor: Actor,
    serverId: string,
    query: SearchQuery,
  ): Promise<{ messages: Message[]; total: number; total_capped: boolean }> {
    const server = await actor.access.requireServerMember(serverId);
    const text = query.q?.trim() ?? '';
    const filtered =
      query.author_id !== undefined ||
      query.channel_id !== undefined ||
      query.has !== undefined ||
      query.before !== undefined ||
      query.after !== undefined;
    if (text === '' && !filtered)
      throw badRequest('invalid_input', 'query.q: give words to find or a filter');
    const perms = await actor.access.channelPermissions(
      server,
      (await actor.access.visibleChannels(server)).map((c) => c.id),
    );
    let channelIds = [...perms].filter(([, p]) => (p & READ) === READ).map(([id]) => id);
    if (query.channel_id !== undefined) {
      const p = perms.get(query.channel_id);
      // a channel of another server, or one the caller cannot see, is unknown here
      if (p === undefined) throw notFound('channel');
      if ((p & READ) !== READ) throw missingPermission(READ & ~p);
      channelIds = [query.channel_id];
    }
    if (channelIds.length === 0) return { messages: [], total: 0, total_capped: false };
    const { rows, total } = await this.repo.search(
      {
        serverId,
        channelIds,
        ...(text ? { text } : {}),
        ...(query.author_id ? { authorId: query.author_id } : {}),
        ...(query.has ? { has: query.has } : {}),
        ...(query.before ? { before: query.before } : {}),
        ...(query.after ? { after: query.after } : {}),
      },
      query.limit ?? MAX_SEARCH_PAGE,
      query.offset ?? 0,
      SEARCH_COUNT_CAP + 1,
      actor.id,
    );
    return {
      messages: await this.messages.present(rows),
      total: Math.min(total, SEARCH_COUNT_CAP),
      total_capped: total > SEARCH_COUNT_CAP,
    };
  }
}
