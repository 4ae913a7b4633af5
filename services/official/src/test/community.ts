/** Test-only: a server with an owner and members joined through invites, and role helpers. */
import { expect } from 'vitest';
import type { Harness, TestUser } from './official-harness.ts';

export interface Community {
  sid: string;
  /** #general, made with the server */
  general: string;
  owner: TestUser;
  join(user: TestUser): Promise<void>;
  /** a role made by the owner (at the bottom), given to `holders` */
  role(permissions: bigint, holders?: TestUser[], name?: string): Promise<{ id: string; position: number }>;
}

export async function community(h: Harness, owner: TestUser, members: TestUser[] = []): Promise<Community> {
  const res = await h.call('POST', '/servers', { as: owner, body: { name: 'Community' } });
  expect(res.status).toBe(201);
  const sid = res.body.id as string;
  const channels = await h.call('GET', `/servers/${sid}/channels`, { as: owner });
  const c: Community = {
    sid,
    general: channels.body.channels[0].id,
    owner,
    async join(user) {
      const inv = await h.call('POST', `/servers/${sid}/invites`, { as: owner, body: {} });
      expect((await h.call('POST', `/invites/${inv.body.code}/accept`, { as: user })).status).toBe(200);
    },
    async role(permissions, holders = [], name = 'r') {
      const r = await h.call('POST', `/servers/${sid}/roles`, {
        as: owner,
        body: { name, permissions: permissions.toString() },
      });
      expect(r.status).toBe(201);
      for (const u of holders)
        expect(
          (await h.call('PUT', `/servers/${sid}/members/${u.id}/roles/${r.body.id}`, { as: owner })).status,
        ).toBe(204);
      return { id: r.body.id, position: r.body.position };
    },
  };
  for (const m of members) await c.join(m);
  return c;
}
