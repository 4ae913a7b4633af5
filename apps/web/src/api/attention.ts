/** The attention calls (read states, acks, jumping to a message, search), through the typed client. */
import type { Message } from '@twopointo/shared';
import type { MessagePage } from './endpoints.ts';
import { officialClient, ok } from './http.ts';

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
  /** counted up to 1,000; `total_capped` when there are more */
  total: number;
  total_capped: boolean;
}

export const attention = {
  readStates: () => ok(officialClient.GET('/me/read-states')).then((r) => r.read_states),
  ack: (cid: string, mid: string) =>
    ok(officialClient.POST('/channels/{cid}/messages/{mid}/ack', { params: { path: { cid, mid } } })),
  /** the page centred on a message, newest first */
  around: (cid: string, mid: string, limit = 50): Promise<MessagePage> =>
    ok(
      officialClient.GET('/channels/{cid}/messages', {
        params: { path: { cid }, query: { around: mid, limit } },
      }),
    ),
  search: (sid: string, params: SearchParams): Promise<SearchResult> => {
    // empty strings are no filter at all
    const query = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== ''));
    return ok(officialClient.GET('/servers/{sid}/messages/search', { params: { path: { sid }, query } }));
  },
};
