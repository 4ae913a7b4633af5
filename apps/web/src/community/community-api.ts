/**
 * The calls behind the community screens (settings, roles, moderation, audit log, invites), in
 * the shapes of the contract ("Running a community" in docs/API.md). Fields the server adds to
 * older wire types are optional here, so the screens work against an older server too.
 */
import type {
  Channel,
  ChannelType,
  Invite,
  InvitePreview,
  Member,
  Role,
  Server,
  UserRef,
} from '@twopointo/shared';
import { toApiError } from '../api/api-error.ts';
import { apiJson } from '../api/http.ts';

export type CommunityServer = Server;
export type CommunityRole = Role;
export type CommunityMember = Member;
export type CommunityInvite = Invite & { inviter?: UserRef };
export type CommunityPreview = InvitePreview;

export type { Ban } from '@twopointo/shared';
import type { Ban } from '@twopointo/shared';

export interface AuditEntry {
  id: string;
  action: string;
  actor_id: string;
  target_id: string | null;
  reason: string | null;
  changes: { key: string; old?: unknown; new?: unknown }[];
  created_at: string;
}

export interface OverwriteWire {
  target_id: string;
  type: 'role' | 'member';
  allow: string;
  deny: string;
}

export interface RoleBody {
  name?: string;
  color?: number;
  hoist?: boolean;
  mentionable?: boolean;
  permissions?: string;
}

/** a list answered either bare or as `{key: [...]}` */
function listOf<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[];
  const inner = (body as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(inner) ? (inner as T[]) : [];
}

const e = encodeURIComponent;

export const community = {
  updateServer: (sid: string, body: { name?: string; icon_asset_id?: string | null; owner_id?: string }) =>
    apiJson<CommunityServer>('PATCH', `/servers/${e(sid)}`, body),
  deleteServer: (sid: string) => apiJson<undefined>('DELETE', `/servers/${e(sid)}`),

  createChannel: (sid: string, body: { name: string; type: ChannelType; parent_id?: string | null }) =>
    apiJson<Channel>('POST', `/servers/${e(sid)}/channels`, body),
  updateChannel: (cid: string, body: { name?: string; topic?: string | null }) =>
    apiJson<Channel>('PATCH', `/channels/${e(cid)}`, body),
  reorderChannels: (sid: string, moves: { id: string; position: number; parent_id: string | null }[]) =>
    apiJson<unknown>('PATCH', `/servers/${e(sid)}/channels`, moves),

  createRole: (sid: string, body: RoleBody) =>
    apiJson<CommunityRole>('POST', `/servers/${e(sid)}/roles`, body),
  updateRole: (rid: string, body: RoleBody) => apiJson<CommunityRole>('PATCH', `/roles/${e(rid)}`, body),
  deleteRole: (rid: string) => apiJson<undefined>('DELETE', `/roles/${e(rid)}`),
  reorderRoles: (sid: string, moves: { id: string; position: number }[]) =>
    apiJson<unknown>('PATCH', `/servers/${e(sid)}/roles`, moves),
  assignRole: (sid: string, uid: string, rid: string) =>
    apiJson<undefined>('PUT', `/servers/${e(sid)}/members/${e(uid)}/roles/${e(rid)}`),
  unassignRole: (sid: string, uid: string, rid: string) =>
    apiJson<undefined>('DELETE', `/servers/${e(sid)}/members/${e(uid)}/roles/${e(rid)}`),

  overwrites: async (cid: string) =>
    listOf<OverwriteWire>(await apiJson<unknown>('GET', `/channels/${e(cid)}/overwrites`), 'overwrites'),
  putOverwrite: (cid: string, o: OverwriteWire) =>
    apiJson<unknown>('PUT', `/channels/${e(cid)}/overwrites/${e(o.target_id)}`, {
      type: o.type,
      allow: o.allow,
      deny: o.deny,
    }),
  deleteOverwrite: (cid: string, targetId: string) =>
    apiJson<undefined>('DELETE', `/channels/${e(cid)}/overwrites/${e(targetId)}`),

  updateMember: (
    sid: string,
    uid: string,
    body: { nick?: string | null; communication_disabled_until?: string | null },
  ) => apiJson<unknown>('PATCH', `/servers/${e(sid)}/members/${e(uid)}`, body),
  kick: (sid: string, uid: string) => apiJson<undefined>('DELETE', `/servers/${e(sid)}/members/${e(uid)}`),
  ban: (sid: string, uid: string, body: { reason?: string; delete_message_seconds?: number }) =>
    apiJson<undefined>('PUT', `/servers/${e(sid)}/bans/${e(uid)}`, body),
  unban: (sid: string, uid: string) => apiJson<undefined>('DELETE', `/servers/${e(sid)}/bans/${e(uid)}`),
  bans: async (sid: string) => listOf<Ban>(await apiJson<unknown>('GET', `/servers/${e(sid)}/bans`), 'bans'),

  auditLog: async (
    sid: string,
    q: { action?: string; actor_id?: string; before?: string; limit?: number },
  ) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
    const body = await apiJson<unknown>('GET', `/servers/${e(sid)}/audit-log?${params.toString()}`);
    return listOf<AuditEntry>(body, 'entries');
  },

  invites: async (sid: string) =>
    listOf<CommunityInvite>(await apiJson<unknown>('GET', `/servers/${e(sid)}/invites`), 'invites'),
  createInvite: (sid: string, body: { max_uses?: number; expires_in?: number }) =>
    apiJson<CommunityInvite>('POST', `/servers/${e(sid)}/invites`, body),
  revokeInvite: (code: string) => apiJson<undefined>('DELETE', `/invites/${e(code)}`),
};

/** The invite preview for a visitor who is not signed in (no token is sent). */
export async function publicInvitePreview(base: string, code: string): Promise<CommunityPreview> {
  const res = await fetch(`${base}/api/invites/${e(code)}`);
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as CommunityPreview;
}

export const communityKeys = {
  bans: (sid: string) => ['bans', sid] as const,
  invites: (sid: string) => ['invites', sid] as const,
  audit: (sid: string, action: string, actor: string) => ['audit-log', sid, action, actor] as const,
  overwrites: (cid: string) => ['overwrites', cid] as const,
};
