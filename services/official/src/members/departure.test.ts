import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusRecord } from '@twopointo/bus';
import { createTestDatabase, type TestDatabase } from '@twopointo/db';
import { enqueueUserDepartureEvents } from './departure.ts';

describe('user departure events', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('announces SERVER_DELETE for owned servers and MEMBER_LEAVE for other memberships', async () => {
    const { db } = database;
    for (const [id, name] of [
      ['1', 'gone'],
      ['2', 'stays'],
    ] as const) {
      await db
        .insertInto('users')
        .values({ id, email: `${name}@x.io`, username: name, password_hash: 'h' })
        .execute();
    }
    await db
      .insertInto('servers')
      .values([
        { id: '10', name: 'own', owner_id: '1' },
        { id: '20', name: 'other', owner_id: '2' },
      ])
      .execute();
    await db
      .insertInto('members')
      .values([
        { server_id: '10', user_id: '1' },
        { server_id: '20', user_id: '1' },
        { server_id: '20', user_id: '2' },
      ])
      .execute();

    await db.transaction().execute(async (trx) => {
      expect(await enqueueUserDepartureEvents(trx, '1')).toBe(2);
      await trx.deleteFrom('users').where('id', '=', '1').execute();
    });

    const rows = await db.selectFrom('outbox').select('payload').orderBy('seq').execute();
    const events = rows.map((r) => JSON.parse(r.payload) as BusRecord);
    expect(events.map((e) => [e.t, e.server_id, JSON.parse(e.data)])).toEqual([
      ['MEMBER_LEAVE', '20', { server_id: '20', user_id: '1' }],
      ['SERVER_DELETE', '10', { id: '10' }],
    ]);
    expect(await db.selectFrom('servers').select('id').execute()).toEqual([{ id: '20' }]);
  });
});

describe('user departure events in DMs', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('tells the others in each of their DMs (user-scoped CHANNEL_RECIPIENT_REMOVE); the DM stays', async () => {
    const { db } = database;
    for (const [id, name] of [
      ['1', 'gone'],
      ['2', 'bob'],
      ['3', 'carol'],
    ] as const)
      await db
        .insertInto('users')
        .values({ id, email: `${name}@x.io`, username: name, password_hash: 'h' })
        .execute();
    await db
      .insertInto('channels')
      .values([
        { id: '50', server_id: null, type: 'dm', name: '', dm_user_lo: '1', dm_user_hi: '2' },
        { id: '60', server_id: null, type: 'group_dm', name: 'g', owner_id: '1' },
      ])
      .execute();
    await db
      .insertInto('channel_recipients')
      .values([
        { channel_id: '50', user_id: '1', last_activity_id: '50' },
        { channel_id: '50', user_id: '2', last_activity_id: '50' },
        { channel_id: '60', user_id: '1', last_activity_id: '60' },
        { channel_id: '60', user_id: '2', last_activity_id: '60' },
        { channel_id: '60', user_id: '3', last_activity_id: '60' },
      ])
      .execute();
    await db.transaction().execute(async (trx) => {
      expect(await enqueueUserDepartureEvents(trx, '1')).toBe(3);
      await trx.deleteFrom('users').where('id', '=', '1').execute();
    });
    const rows = await db.selectFrom('outbox').select('payload').orderBy('seq').execute();
    const events = rows.map((r) => JSON.parse(r.payload) as BusRecord);
    const gone = { id: '1', username: 'gone' };
    expect(events.map((e) => [e.t, e.server_id, e.user_id, e.channel_id, JSON.parse(e.data)])).toEqual([
      ['CHANNEL_RECIPIENT_REMOVE', '', '2', '50', { channel_id: '50', user: gone }],
      ['CHANNEL_RECIPIENT_REMOVE', '', '2', '60', { channel_id: '60', user: gone }],
      ['CHANNEL_RECIPIENT_REMOVE', '', '3', '60', { channel_id: '60', user: gone }],
    ]);
    expect(
      await db
        .selectFrom('channel_recipients')
        .select(['channel_id', 'user_id'])
        .orderBy('channel_id')
        .orderBy('user_id')
        .execute(),
    ).toEqual([
      { channel_id: '50', user_id: '2' },
      { channel_id: '60', user_id: '2' },
      { channel_id: '60', user_id: '3' },
    ]);
  });
});
