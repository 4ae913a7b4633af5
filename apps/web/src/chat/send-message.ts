/** Sending with an optimistic copy: shown at once, replaced by the server's message by id. */
import type { QueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/api-error.ts';
import { official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import {
  flattenHistory,
  hasMessage,
  upsertMessage,
  type HistoryData,
  type PendingMessage,
} from './message-cache.ts';
import { noteMessage } from './attention-cache.ts';
import { pendingStore } from './pending-store.ts';

function nonce(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export interface Draft {
  content: string;
  attachment_ids: string[];
  attachment_names: string[];
  reply_to_id: string | null;
}

async function deliver(qc: QueryClient, p: PendingMessage): Promise<void> {
  try {
    const msg = await official.sendMessage(p.channel_id, {
      content: p.content,
      ...(p.attachment_ids.length ? { attachment_ids: p.attachment_ids } : {}),
      ...(p.reply_to_id ? { reply_to_id: p.reply_to_id } : {}),
    });
    const key = keys.messages(p.channel_id);
    qc.setQueryData<HistoryData>(key, (d) => upsertMessage(d, msg));
    // our own message keeps a read channel read, whether this answer or its live event comes first
    noteMessage(qc, msg, msg.author.id);
    if (hasMessage(qc.getQueryData<HistoryData>(key), msg.id)) pendingStore.remove(p.channel_id, p.nonce);
    else pendingStore.patch(p.channel_id, p.nonce, { resolved_id: msg.id });
  } catch (err) {
    pendingStore.patch(p.channel_id, p.nonce, { status: 'failed', error: errorMessage(err) });
  }
}

export function sendMessage(qc: QueryClient, channelId: string, draft: Draft): Promise<void> {
  const history = flattenHistory(qc.getQueryData<HistoryData>(keys.messages(channelId)));
  const p: PendingMessage = {
    nonce: nonce(),
    channel_id: channelId,
    content: draft.content,
    reply_to_id: draft.reply_to_id,
    attachment_ids: draft.attachment_ids,
    attachment_names: draft.attachment_names,
    created_at: new Date().toISOString(),
    after_id: history.at(-1)?.id ?? null,
    status: 'sending',
  };
  pendingStore.add(p);
  return deliver(qc, p);
}

export function retryMessage(qc: QueryClient, p: PendingMessage): Promise<void> {
  const again = { ...p, status: 'sending' as const, error: undefined };
  pendingStore.patch(p.channel_id, p.nonce, { status: 'sending', error: undefined });
  return deliver(qc, again);
}
