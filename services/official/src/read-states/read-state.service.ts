/** Read states (channels and DMs): VIEW_CHANNEL to ack (the marker never moves back); each ack tells the user's other sockets. */
import { notFound, type ReadState } from '@twopointo/shared';
import type { Transactor } from '../events/transactor.ts';
import type { Actor } from '../http/trust.ts';
import type { ReadStateRepository } from './read-state.repository.ts';

export class ReadStateService {
  constructor(
    private readonly repo: ReadStateRepository,
    private readonly tx: Transactor,
  ) {}

  async ack(actor: Actor, channelId: string, messageId: string): Promise<ReadState> {
    await actor.access.requireConversation(channelId);
    if (!(await this.repo.messageInChannel(messageId, channelId))) throw notFound('message');
    return this.tx.run(async (trx, emit) => {
      const state = await this.repo.ack(trx, actor.id, channelId, messageId);
      await emit.toUser('READ_STATE_UPDATE', actor.id, state);
      return state;
    });
  }

  /** One state per channel the caller can view, in every server they are a member of, and per DM they are in. */
  async listMine(actor: Actor): Promise<ReadState[]> {
    const [servers, dms] = await Promise.all([this.repo.serverIds(actor.id), this.repo.dmIds(actor.id)]);
    const visible = await Promise.all(servers.map((sid) => actor.access.visibleChannelIds(sid)));
    const channelIds = [...visible.flatMap((ids) => ids ?? []), ...dms];
    const stored = await this.repo.states(actor.id, channelIds);
    return channelIds.map(
      (channel_id) => stored.get(channel_id) ?? { channel_id, last_read_id: null, mention_count: 0 },
    );
  }
}
