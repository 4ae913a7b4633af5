/**
 * The attention calls (read states, acks, jumping to a message, search). Kept apart from
 * endpoints.ts so the typed client that replaces it can absorb these in one move.
 */
import type { Message, ReadState } from '@twopointo/shared';
import type { MessagePage } from './endpoints.ts';
import { api } from './http.ts';

export interface SearchParams {
  q?: string;
  author_id?: string;
  channel_id?: string;
  has?: 'file' | 'image' | 'link';
  before?: string;
  after?: string;
  limit?: number;
  offset?: number;
}

export interface SearchResult {
  messages: Message[];
  total: number;
}

export const attention = {
  readStates: () => api<{ read_states: ReadState[] }>('/api/me/read-states').then((r) => r.read_states),
  ack: (cid: string, mid: string) =>
    api<undefined>(`/api/channels/${cid}/messages/${mid}/ack`, { method: 'POST' }),
  /** the page centred on a message, newest first */
  around: (cid: string, mid: string, limit = 50) =>
    api<MessagePage>(`/api/channels/${cid}/messages?around=${mid}&limit=${limit}`),
  search: (sid: string, params: SearchParams) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
    return api<SearchResult>(`/api/servers/${sid}/messages/search?${q.toString()}`);
  },
};
