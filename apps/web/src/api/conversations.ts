/** The reaction and pin calls, through the typed client. */
import { officialClient, ok } from './http.ts';

const reaction = (cid: string, mid: string, emoji: string) => ({ params: { path: { cid, mid, emoji } } });
const pin = (cid: string, mid: string) => ({ params: { path: { cid, mid } } });

export const conversations = {
  react: (cid: string, mid: string, emoji: string) =>
    ok(officialClient.PUT('/channels/{cid}/messages/{mid}/reactions/{emoji}/@me', reaction(cid, mid, emoji))),
  unreact: (cid: string, mid: string, emoji: string) =>
    ok(
      officialClient.DELETE(
        '/channels/{cid}/messages/{mid}/reactions/{emoji}/@me',
        reaction(cid, mid, emoji),
      ),
    ),
  /** the first page of who reacted with an emoji (up to 100) */
  reactors: (cid: string, mid: string, emoji: string) =>
    ok(
      officialClient.GET('/channels/{cid}/messages/{mid}/reactions/{emoji}', {
        params: { path: { cid, mid, emoji }, query: { limit: 100 } },
      }),
    ).then((r) => r.users),
  pins: (cid: string) =>
    ok(officialClient.GET('/channels/{cid}/pins', { params: { path: { cid } } })).then((r) => r.messages),
  pin: (cid: string, mid: string) => ok(officialClient.PUT('/channels/{cid}/pins/{mid}', pin(cid, mid))),
  unpin: (cid: string, mid: string) => ok(officialClient.DELETE('/channels/{cid}/pins/{mid}', pin(cid, mid))),
};
