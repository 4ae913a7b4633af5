/**
 * Bulk seeding for the attention benchmark: messages written by SQL straight into the system's
 * database (INSERT … SELECT generate_series, in batches), bypassing the API. Words come from a
 * fixed vocabulary with a Zipf-like law, so full-text search has real work; some messages carry
 * a user mention (with its message_mentions row, as a post would write) or a link.
 */
import { SNOWFLAKE_EPOCH } from '@twopointo/shared';

/** The most frequent words first: real English for the head, made-up words for the long tail. */
const HEAD =
  'the to and of a in is it you that for on this was with be have not are but at we just so like can do ' +
  'what if my all they get will one about out up no your there time know think good now or from when ' +
  'how them would more some an yeah see then make really go work people want new been also its any ' +
  'here day need still back did only much well going because thanks right got way use game server ' +
  'build test fix today maybe something thing first last next channel message update version code bug ' +
  'help sure try look lol nice cool week tomorrow night morning issue release deploy merge review';
const SYLLABLES =
  'ka ri to mu sel van dor pel qui zan bro fin lem tas vor nek ju sa pi lo ber cam dus ew fo gi ha ik ol un'.split(
    ' ',
  );

/** Vocabulary size: the rarest word is about 1/4000th as frequent as "the". */
export const VOCABULARY_SIZE = 4000;

function tailWord(k: number): string {
  const n = SYLLABLES.length;
  // three syllables: 31^3 distinct words, none of them an English head word
  return `${SYLLABLES[k % n]}${SYLLABLES[Math.floor(k / n) % n]}${SYLLABLES[Math.floor(k / (n * n)) % n]}`;
}

/** The fixed word list, rank 1 first. */
export const VOCABULARY: readonly string[] = (() => {
  const head = HEAD.split(' ');
  const words = [...head];
  for (let k = 0; words.length < VOCABULARY_SIZE; k++) words.push(tailWord(k));
  if (new Set(words).size !== words.length) throw new Error('vocabulary has duplicates');
  return words;
})();

/**
 * Words of known selectivity for the search kinds. With rank r drawn as floor(exp(U·ln(V+1))),
 * P(r) ≈ 1 / (r·ln V): rank 1 is in about 6 of 10 messages (10 words on average), rank 20 in
 * 6 %, rank 60 in 2 %, rank 3000 in about 4 in 10,000.
 */
export const SEARCH_WORDS = {
  common: VOCABULARY[0]!,
  rare: VOCABULARY[2999]!,
  pair: [VOCABULARY[19]!, VOCABULARY[59]!] as const,
  author: VOCABULARY[4]!,
};

/** Share of messages with a <@user> mention of another member, and with a link. */
export const MENTION_SHARE = 0.05;
export const LINK_SHARE = 0.03;

/** One message per second of simulated time, all in the past: the seeded ids (snowflakes, worker 1023). */
export interface SeedPlan {
  serverId: string;
  channelIds: string[];
  /** members who write and are mentioned */
  userIds: string[];
  messages: number;
  /** first message's time (ms since the Unix epoch) */
  startMs: number;
}

const STEP = 1000n << 22n; // 1 s between messages
const WORKER = 1023n << 12n;

export function planSeed(p: Omit<SeedPlan, 'startMs'> & { startMs?: number }, nowMs = Date.now()): SeedPlan {
  if (p.channelIds.length === 0 || p.userIds.length === 0) throw new Error('seed needs channels and users');
  return { ...p, startMs: p.startMs ?? nowMs - (p.messages + 3600) * 1000 };
}

const baseId = (plan: SeedPlan) => ((BigInt(plan.startMs) - SNOWFLAKE_EPOCH) << 22n) | WORKER;

/** Id of seeded message i (0-based). */
export function seededId(plan: SeedPlan, i: number): string {
  return (baseId(plan) + BigInt(i) * STEP).toString();
}

/** Channel of seeded message i. */
export const seededChannel = (plan: SeedPlan, i: number): string =>
  plan.channelIds[i % plan.channelIds.length]!;

const ids = (xs: string[]) => `ARRAY[${xs.map((x) => `${BigInt(x)}`).join(',')}]::bigint[]`;
const quote = (w: string) => `'${w.replace(/'/g, "''")}'`;

/**
 * The statements that insert messages [lo, hi) and their mention rows. Only numbers and our own
 * vocabulary are interpolated (no input from outside the harness).
 */
export function seedBatchSql(plan: SeedPlan, lo: number, hi: number): string[] {
  const nCh = plan.channelIds.length;
  const nU = plan.userIds.length;
  const V = VOCABULARY.length;
  const words = `ARRAY[${VOCABULARY.map(quote).join(',')}]::text[]`;
  const author = `((i / ${nCh}) % ${nU})`;
  // another member than the author (never with a single member)
  const mentioned = nU > 1 ? `(${ids(plan.userIds)})[1 + (${author} + 1 + i % ${nU - 1}) % ${nU}]` : 'NULL';
  const mentionCut = nU > 1 ? MENTION_SHARE : 0;
  const insert = `
INSERT INTO messages (id, channel_id, server_id, author_id, content, created_at, mentions)
SELECT id, channel_id, ${BigInt(plan.serverId)}, author_id,
       body || CASE WHEN r < ${mentionCut} THEN ' <@' || mentioned || '>'
                    WHEN r < ${mentionCut + LINK_SHARE} THEN ' https://example.com/p/' || i
                    ELSE '' END,
       to_timestamp(((id >> 22) + ${SNOWFLAKE_EPOCH}) / 1000.0),
       CASE WHEN r < ${mentionCut} THEN ARRAY[mentioned] ELSE '{}'::bigint[] END
FROM (
  SELECT i,
         ${baseId(plan)}::bigint + i::bigint * ${STEP}::bigint AS id,
         (${ids(plan.channelIds)})[1 + i % ${nCh}] AS channel_id,
         (${ids(plan.userIds)})[1 + ${author}] AS author_id,
         ${mentioned}::bigint AS mentioned,
         -- correlated with i (the word count), so it runs per row with fresh random() draws
         (SELECT string_agg((${words})[least(${V}, floor(exp(random() * ln(${V + 1})))::int)], ' ')
            FROM generate_series(1, 3 + (i::bigint * 7919) % 15)) AS body,
         random() AS r
  FROM generate_series(${lo}, ${hi - 1}) AS i
) s`;
  const mentions = `
INSERT INTO message_mentions (message_id, user_id, channel_id)
SELECT id, mentions[1], channel_id FROM messages
WHERE id BETWEEN ${seededId(plan, lo)} AND ${seededId(plan, hi - 1)} AND cardinality(mentions) > 0`;
  return [insert, mentions];
}

/** After the last batch: each channel's newest message, and statistics as autovacuum would leave them. */
export function seedFinishSql(plan: SeedPlan): string[] {
  return [
    `UPDATE channels c SET last_message_id = (SELECT max(m.id) FROM messages m WHERE m.channel_id = c.id)
     WHERE c.server_id = ${BigInt(plan.serverId)}`,
    'VACUUM ANALYZE messages',
    'VACUUM ANALYZE message_mentions',
  ];
}
