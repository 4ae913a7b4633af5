/** Test data for the dev database tools: two users whose data is interleaved. */
import type { Kysely } from '@twopointo/db';
import type { DB } from '@twopointo/db';

export interface Fixture {
  alice: string;
  bob: string;
  /** storage keys of Alice's assets */
  aliceKeys: string[];
  bobKeys: string[];
}

/**
 * Alice owns server 100 (channel 110) where Bob is a member with a role and posts with an
 * attachment; Bob owns server 200 (channel 210) where Alice is a member with a role, posts with
 * her own attachment, created an invite and has a member overwrite. Both have 2FA codes/tokens.
 */
export async function seedTwoUsers(db: Kysely<DB>): Promise<Fixture> {
  const alice = '1001';
  const bob = '1002';
  await db
    .insertInto('users')
    .values([
      {
        id: alice,
        email: 'Alice@Example.com',
        username: 'alice',
        password_hash: 'h',
        totp_secret: 'SECRET',
        totp_enabled: true,
      },
      { id: bob, email: 'bob@example.com', username: 'bob', password_hash: 'h' },
    ])
    .execute();
  await db
    .insertInto('servers')
    .values([
      { id: '100', name: 'Alice server', owner_id: alice },
      { id: '200', name: 'Bob server', owner_id: bob },
    ])
    .execute();
  await db
    .insertInto('members')
    .values([
      { server_id: '100', user_id: alice },
      { server_id: '100', user_id: bob },
      { server_id: '200', user_id: bob },
      { server_id: '200', user_id: alice },
    ])
    .execute();
  await db
    .insertInto('roles')
    .values([
      { id: '100', server_id: '100', name: '@everyone', permissions: '0' },
      { id: '101', server_id: '100', name: 'mods', permissions: '8' },
      { id: '200', server_id: '200', name: '@everyone', permissions: '0' },
      { id: '201', server_id: '200', name: 'friends', permissions: '8' },
    ])
    .execute();
  await db
    .insertInto('member_roles')
    .values([
      { server_id: '100', user_id: bob, role_id: '101' },
      { server_id: '200', user_id: alice, role_id: '201' },
    ])
    .execute();
  await db
    .insertInto('channels')
    .values([
      { id: '110', server_id: '100', name: 'general' },
      { id: '210', server_id: '200', name: 'general' },
    ])
    .execute();
  await db
    .insertInto('channel_overwrites')
    .values([
      { channel_id: '110', target_id: '101', type: 'role', allow: '0', deny: '0' },
      { channel_id: '210', target_id: alice, type: 'member', allow: '0', deny: '0' },
      { channel_id: '210', target_id: '201', type: 'role', allow: '0', deny: '0' },
    ])
    .execute();
  await db
    .insertInto('messages')
    .values([
      { id: '5001', channel_id: '110', server_id: '100', author_id: alice, content: 'hi from alice' },
      { id: '5002', channel_id: '110', server_id: '100', author_id: bob, content: 'bob in alice server' },
      { id: '5003', channel_id: '210', server_id: '200', author_id: alice, content: 'alice in bob server' },
      { id: '5004', channel_id: '210', server_id: '200', author_id: bob, content: 'bob at home' },
    ])
    .execute();
  const aliceKeys = ['assets/1001/a1.png', 'assets/1001/a2.png'];
  const bobKeys = ['assets/1002/b1.png'];
  await db
    .insertInto('assets')
    .values([
      {
        id: '7001',
        owner_id: alice,
        filename: 'a1.png',
        content_type: 'image/png',
        size: '3',
        storage_key: aliceKeys[0]!,
        status: 'ready',
      },
      {
        id: '7002',
        owner_id: alice,
        filename: 'a2.png',
        content_type: 'image/png',
        size: '3',
        storage_key: aliceKeys[1]!,
      },
      {
        id: '7003',
        owner_id: bob,
        filename: 'b1.png',
        content_type: 'image/png',
        size: '3',
        storage_key: bobKeys[0]!,
        status: 'ready',
      },
    ])
    .execute();
  await db
    .insertInto('message_attachments')
    .values([
      { message_id: '5003', asset_id: '7001' },
      { message_id: '5002', asset_id: '7003' },
    ])
    .execute();
  await db
    .insertInto('invites')
    .values([
      { code: 'bobinvite', server_id: '100', inviter_id: bob },
      { code: 'aliceinvite', server_id: '200', inviter_id: alice },
      { code: 'bobown', server_id: '200', inviter_id: bob },
    ])
    .execute();
  await db
    .insertInto('recovery_codes')
    .values([
      { id: '8001', user_id: alice, code_hash: 'x' },
      { id: '8002', user_id: alice, code_hash: 'y' },
      { id: '8003', user_id: bob, code_hash: 'z' },
    ])
    .execute();
  const expires = new Date(Date.now() + 3_600_000);
  await db
    .insertInto('refresh_tokens')
    .values([
      { id: '9001', user_id: alice, family_id: '9001', token_hash: 'ta', expires_at: expires },
      { id: '9002', user_id: bob, family_id: '9002', token_hash: 'tb', expires_at: expires },
    ])
    .execute();
  await db.insertInto('outbox').values({ event_id: '1', payload: '{}' }).execute();
  return { alice, bob, aliceKeys, bobKeys };
}

/** What deleting Alice must report. */
/** outbox rows deleting alice adds: SERVER_DELETE for her server, MEMBER_LEAVE for bob's */
export const ALICE_DEPARTURE_EVENTS = 2;

export const ALICE_COUNTS = {
  message_attachments: 2,
  messages: 3,
  channel_overwrites: 2,
  channels: 1,
  member_roles: 2,
  roles: 2,
  invites: 2,
  members: 3,
  servers: 1,
  assets: 2,
  recovery_codes: 2,
  refresh_tokens: 1,
  users: 1,
};

/** Row counts of every table, for before/after comparisons. */
export async function rowCounts(
  db: Kysely<DB>,
  tables: readonly (keyof DB)[],
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await db
      .selectFrom(t)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}
