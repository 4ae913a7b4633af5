/**
 * The calls behind the community screens (settings, roles, moderation, audit log, invites), in
 * the shapes of the contract ("Running a community" in docs/API.md), through the generated client.
 */
import type {
  AuditLogEntry,
  ChannelType,
  Invite,
  InvitePreview,
  Member,
  Role,
  Server,
} from '@twopointo/shared';
import { toApiError } from '../api/api-error.ts';
import { officialClient, ok } from '../api/http.ts';
import type { operations } from '../api/schema/official';

export type CommunityServer = Server;
export type CommunityRole = Role;
export type CommunityMember = Member;
export type CommunityInvite = Invite;
export type CommunityPreview = InvitePreview;

export type { Ban } from '@twopointo/shared';
export type AuditEntry = AuditLogEntry;

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

const e = encodeURIComponent;

type AuditAction = NonNullable<operations['listAuditLog']['parameters']['query']>['action'];

const server = (sid: string) => ({ params: { path: { sid } } });
const member = (sid: string, uid: string) => ({ params: { path: { sid, uid } } });

export const community = {
  updateServer: (sid: string, body: { name?: string; icon_asset_id?: string | null; owner_id?: string }) =>
    ok(officialClient.PATCH('/servers/{sid}', { ...server(sid), body })),
  deleteServer: (sid: string) => ok(officialClient.DELETE('/servers/{sid}', server(sid))),

  createChannel: (sid: string, body: { name: string; type: ChannelType; parent_id?: string | null }) =>
    ok(officialClient.POST('/servers/{sid}/channels', { ...server(sid), body })),
  /** a server channel's settings (the same route renames a group DM, answering a DM channel) */
  updateChannel: (cid: string, body: { name?: string; topic?: string | null }) =>
    ok(officialClient.PATCH('/channels/{cid}', { params: { path: { cid } }, body })).then((c) => {
      if (!('server_id' in c)) throw new Error('expected a server channel');
      return c;
    }),
  reorderChannels: (sid: string, moves: { id: string; position: number; parent_id: string | null }[]) =>
    ok(officialClient.PATCH('/servers/{sid}/channels', { ...server(sid), body: moves })),

  createRole: (sid: string, body: RoleBody & { name: string }) =>
    ok(officialClient.POST('/servers/{sid}/roles', { ...server(sid), body })),
  updateRole: (rid: string, body: RoleBody) =>
    ok(officialClient.PATCH('/roles/{rid}', { params: { path: { rid } }, body })),
  deleteRole: (rid: string) => ok(officialClient.DELETE('/roles/{rid}', { params: { path: { rid } } })),
  reorderRoles: (sid: string, moves: { id: string; position: number }[]) =>
    ok(officialClient.PATCH('/servers/{sid}/roles', { ...server(sid), body: moves })),
  assignRole: (sid: string, uid: string, rid: string) =>
    ok(
      officialClient.PUT('/servers/{sid}/members/{uid}/roles/{rid}', { params: { path: { sid, uid, rid } } }),
    ),
  unassignRole: (sid: string, uid: string, rid: string) =>
    ok(
      officialClient.DELETE('/servers/{sid}/members/{uid}/roles/{rid}', {
        params: { path: { sid, uid, rid } },
      }),
    ),

  overwrites: (cid: string) =>
    ok(officialClient.GET('/channels/{cid}/overwrites', { params: { path: { cid } } })).then(
      (r) => r.overwrites as OverwriteWire[],
    ),
  putOverwrite: (cid: string, o: OverwriteWire) =>
    ok(
      officialClient.PUT('/channels/{cid}/overwrites/{target_id}', {
        params: { path: { cid, target_id: o.target_id } },
        body: { type: o.type, allow: o.allow, deny: o.deny },
      }),
    ),
  deleteOverwrite: (cid: string, targetId: string) =>
    ok(
      officialClient.DELETE('/channels/{cid}/overwrites/{target_id}', {
        params: { path: { cid, target_id: targetId } },
      }),
    ),

  updateMember: (
    sid: string,
    uid: string,
    body: { nick?: string | null; communication_disabled_until?: string | null },
  ) => ok(officialClient.PATCH('/servers/{sid}/members/{uid}', { ...member(sid, uid), body })),
  kick: (sid: string, uid: string) =>
    ok(officialClient.DELETE('/servers/{sid}/members/{uid}', member(sid, uid))),
  ban: (sid: string, uid: string, body: { reason?: string; delete_message_seconds?: number }) =>
    ok(officialClient.PUT('/servers/{sid}/bans/{uid}', { ...member(sid, uid), body })),
  unban: (sid: string, uid: string) =>
    ok(officialClient.DELETE('/servers/{sid}/bans/{uid}', member(sid, uid))),
  bans: (sid: string) => ok(officialClient.GET('/servers/{sid}/bans', server(sid))).then((r) => r.bans),

  auditLog: (sid: string, q: { action?: string; actor_id?: string; before?: string; limit?: number }) =>
    ok(
      officialClient.GET('/servers/{sid}/audit-log', {
        params: {
          path: { sid },
          query: {
            action: (q.action || undefined) as AuditAction,
            actor_id: q.actor_id || undefined,
            before: q.before,
            limit: q.limit,
          },
        },
      }),
    ).then((r) => r.entries),

  invites: (sid: string) =>
    ok(officialClient.GET('/servers/{sid}/invites', server(sid))).then((r) => r.invites),
  createInvite: (sid: string, body: { max_uses?: number; expires_in?: number }) =>
    ok(officialClient.POST('/servers/{sid}/invites', { ...server(sid), body })),
  revokeInvite: (code: string) =>
    ok(officialClient.DELETE('/invites/{code}', { params: { path: { code } } })),
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
