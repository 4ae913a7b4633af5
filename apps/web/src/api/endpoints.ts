/** The REST calls the client makes, through the clients generated from the OpenAPI documents. */
import type { Channel, DmChannel, Message } from '@twopointo/shared';
import type { operations } from './schema/official';
import { identityClient, officialClient, ok, publicIdentityClient, withToken } from './http.ts';

export const identity = {
  register: (body: { email: string; username: string; password: string }) =>
    ok(publicIdentityClient.POST('/auth/register', { body })),
  login: (body: { email: string; password: string }) =>
    ok(publicIdentityClient.POST('/auth/login', { body })),
  setup2fa: (partial: string) => ok(identityClient.POST('/auth/2fa/setup', { headers: withToken(partial) })),
  verify2fa: (partial: string, code: string) =>
    ok(identityClient.POST('/auth/2fa/verify', { headers: withToken(partial), body: { code } })),
  recover: (partial: string, recovery_code: string) =>
    ok(identityClient.POST('/auth/2fa/recover', { headers: withToken(partial), body: { recovery_code } })),
  confirmRecovery: () => ok(identityClient.POST('/auth/recovery/confirm')),
  me: () => ok(identityClient.GET('/me')),
};

export interface MessagePage {
  messages: Message[];
  has_more: boolean;
}

const sid = (id: string) => ({ params: { path: { sid: id } } });
const cid = (id: string) => ({ params: { path: { cid: id } } });
const code = (c: string) => ({ params: { path: { code: c } } });

type AssetBody = operations['createAsset']['requestBody']['content']['application/json'];

export const official = {
  myServers: () => ok(officialClient.GET('/me/servers')).then((r) => r.servers),
  createServer: (name: string) => ok(officialClient.POST('/servers', { body: { name } })),
  leaveServer: (server: string, uid: string) =>
    ok(officialClient.DELETE('/servers/{sid}/members/{uid}', { params: { path: { sid: server, uid } } })),
  channels: (server: string) =>
    ok(officialClient.GET('/servers/{sid}/channels', sid(server))).then((r) => r.channels),
  createChannel: (server: string, name: string) =>
    ok(officialClient.POST('/servers/{sid}/channels', { ...sid(server), body: { name } })),
  // PATCH /channels/:cid answers a group DM too; a server channel's rename answers a server channel
  renameChannel: (channel: string, name: string) =>
    ok(officialClient.PATCH('/channels/{cid}', { ...cid(channel), body: { name } })) as Promise<Channel>,
  deleteChannel: (channel: string) => ok(officialClient.DELETE('/channels/{cid}', cid(channel))),
  members: (server: string) =>
    ok(officialClient.GET('/servers/{sid}/members', sid(server))).then((r) => r.members),
  roles: (server: string) => ok(officialClient.GET('/servers/{sid}/roles', sid(server))).then((r) => r.roles),
  createInvite: (server: string) =>
    ok(officialClient.POST('/servers/{sid}/invites', { ...sid(server), body: {} })),
  previewInvite: (invite: string) => ok(officialClient.GET('/invites/{code}', code(invite))),
  acceptInvite: (invite: string) => ok(officialClient.POST('/invites/{code}/accept', code(invite))),
  messages: (channel: string, before?: string, limit = 50): Promise<MessagePage> =>
    ok(
      officialClient.GET('/channels/{cid}/messages', {
        params: { path: { cid: channel }, query: { limit, before } },
      }),
    ),
  sendMessage: (
    channel: string,
    body: { content: string; attachment_ids?: string[]; reply_to_id?: string },
  ) => ok(officialClient.POST('/channels/{cid}/messages', { ...cid(channel), body })),
  editMessage: (mid: string, content: string) =>
    ok(officialClient.PATCH('/messages/{mid}', { params: { path: { mid } }, body: { content } })),
  deleteMessage: (mid: string) => ok(officialClient.DELETE('/messages/{mid}', { params: { path: { mid } } })),
  typing: (channel: string) => ok(officialClient.POST('/channels/{cid}/typing', cid(channel))),
  // the browser's type for the file, whatever it is: the server answers unsupported_content_type
  // for one outside its configured list (the document shows the default list)
  assetLimits: () => ok(officialClient.GET('/assets/limits')),
  createAsset: (body: {
    filename: string;
    content_type: string;
    size: number;
    width?: number;
    height?: number;
  }) => ok(officialClient.POST('/assets', { body: body as AssetBody })),
  completeAsset: (aid: string) =>
    ok(officialClient.POST('/assets/{aid}/complete', { params: { path: { aid } } })),
};

/** DMs: open one (found or created), list them, and a group DM's recipients and name. */
export const dms = {
  list: () => ok(officialClient.GET('/me/channels')).then((r) => r.channels),
  open: (recipient_ids: string[], name?: string) =>
    ok(officialClient.POST('/me/channels', { body: { recipient_ids, ...(name ? { name } : {}) } })),
  rename: (channel: string, name: string) =>
    ok(officialClient.PATCH('/channels/{cid}', { ...cid(channel), body: { name } })) as Promise<DmChannel>,
  addRecipient: (channel: string, uid: string) =>
    ok(officialClient.PUT('/channels/{cid}/recipients/{uid}', { params: { path: { cid: channel, uid } } })),
  removeRecipient: (channel: string, uid: string) =>
    ok(
      officialClient.DELETE('/channels/{cid}/recipients/{uid}', { params: { path: { cid: channel, uid } } }),
    ),
  /** A 1:1 DM leaves our list (history kept) until a newer message or until we open it again. */
  close: (channel: string) => ok(officialClient.DELETE('/channels/{cid}', cid(channel))),
  blocks: () => ok(officialClient.GET('/me/blocks')).then((r) => r.users),
};
