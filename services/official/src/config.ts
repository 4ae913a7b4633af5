/** Official's configuration, declared once and validated at boot. */
import { env, readConfig } from '@twopointo/server-kit';
import { infraConfig, rateLimit } from '@twopointo/runtime';
import { voiceConfig } from './voice/voice.config.ts';

export const officialConfigSpec = {
  ...infraConfig,
  OFFICIAL_PORT: env.port(8080),
  /** shared with the Edge; the all-in-one process passes a generated one as an override */
  INTERNAL_SECRET: env.string(),
  /**
   * Cross-request cache of permission inputs and newest history pages. auto (= on): one Official
   * sees every change at once; with several on NATS each sees its own writes at once and the
   * others' when their events arrive (p99 tens of ms, docs/INTERNALS.md). off: every read queries.
   */
  READ_CACHE: env.oneOf(['auto', 'on', 'off'] as const, 'auto'),
  /** messages per user per channel */
  MESSAGE_RATE_LIMIT: rateLimit('10/10s'),
  /** typing notifications per user per channel */
  TYPING_RATE_LIMIT: rateLimit('5/5s'),
  ...voiceConfig,
};

export type OfficialConfig = ReturnType<typeof readOfficialConfig>;

/** Reads the config from the environment; `overrides` win (tests, the all-in-one process). */
export function readOfficialConfig(overrides: Partial<Record<keyof typeof officialConfigSpec, string>> = {}) {
  return readConfig(officialConfigSpec, overrides);
}
