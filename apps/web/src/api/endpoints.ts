/** The REST calls the client makes, typed with the shared wire types. */
import type {
  Asset,
  AssetUpload,
  Channel,
  Invite,
  InvitePreview,
  LoginResult,
  Me,
  Member,
  Message,
  RegisteredUser,
  Role,
  Server,
  TokenPair,
  TotpSetupResult,
} from '@twopointo/shared';
import { api } from './http.ts';

export const identity = {
  register: (body: { email: string; username: string; password: string }) =>
    api<RegisteredUser>('/id/auth/register', { method: 'POST', body, anonymous: true }),
  login: (body: { email: string; password: string }) =>
    api<LoginResult>('/id/auth/login', { method: 'POST', body, anonymous: true }),
  setup2fa: (partial: string) =>
    api<TotpSetupResult>('/id/auth/2fa/setup', { method: 'POST', token: partial }),
  verify2fa: (partial: string, code: string) =>
    api<TokenPair>('/id/auth/2fa/verify', { method: 'POST', token: partial, body: { code } }),
  recover: (partial: string, recovery_code: string) =>
    api<TokenPair>('/id/auth/2fa/recover', { method: 'POST', token: partial, body: { recovery_code } }),
  confirmRecovery: () => api<undefined>('/id/auth/recovery/confirm', { method: 'POST' }),
  me: () => api<Me>('/id/me'),
};

export interface MessagePage {
  messages: Message[];
  has_more: boolean;
}

export const official = {
  myServers: () => api<{ servers: Server[] }>('/api/me/servers').then((r) => r.servers),
  createServer: (name: string) => api<Server>('/api/servers', { method: 'POST', body: { name } }),
  leaveServer: (sid: string, uid: string) =>
    api<undefined>(`/api/servers/${sid}/members/${uid}`, { method: 'DELETE' }),
  channels: (sid: string) =>
    api<{ channels: Channel[] }>(`/api/servers/${sid}/channels`).then((r) => r.channels),
  createChannel: (sid: string, name: string) =>
    api<Channel>(`/api/servers/${sid}/channels`, { method: 'POST', body: { name } }),
  renameChannel: (cid: string, name: string) =>
    api<Channel>(`/api/channels/${cid}`, { method: 'PATCH', body: { name } }),
  deleteChannel: (cid: string) => api<undefined>(`/api/channels/${cid}`, { method: 'DELETE' }),
  members: (sid: string) => api<{ members: Member[] }>(`/api/servers/${sid}/members`).then((r) => r.members),
  roles: (sid: string) => api<{ roles: Role[] }>(`/api/servers/${sid}/roles`).then((r) => r.roles),
  createInvite: (sid: string) => api<Invite>(`/api/servers/${sid}/invites`, { method: 'POST', body: {} }),
  previewInvite: (code: string) => api<InvitePreview>(`/api/invites/${encodeURIComponent(code)}`),
  acceptInvite: (code: string) =>
    api<Server>(`/api/invites/${encodeURIComponent(code)}/accept`, { method: 'POST' }),
  messages: (cid: string, before?: string, limit = 50) => {
    const q = new URLSearchParams({ limit: String(limit) });
    if (before) q.set('before', before);
    return api<MessagePage>(`/api/channels/${cid}/messages?${q.toString()}`);
  },
  sendMessage: (cid: string, body: { content: string; attachment_ids?: string[]; reply_to_id?: string }) =>
    api<Message>(`/api/channels/${cid}/messages`, { method: 'POST', body }),
  editMessage: (mid: string, content: string) =>
    api<Message>(`/api/messages/${mid}`, { method: 'PATCH', body: { content } }),
  deleteMessage: (mid: string) => api<undefined>(`/api/messages/${mid}`, { method: 'DELETE' }),
  typing: (cid: string) => api<undefined>(`/api/channels/${cid}/typing`, { method: 'POST' }),
  createAsset: (body: { filename: string; content_type: string; size: number }) =>
    api<AssetUpload>('/api/assets', { method: 'POST', body }),
  completeAsset: (aid: string) => api<Asset>(`/api/assets/${aid}/complete`, { method: 'POST' }),
};
