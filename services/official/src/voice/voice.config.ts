/** Voice settings of Official's config: which Janus servers, how tokens are signed and last. */
import { janusConfig } from '@twopointo/janus';
import { env } from '@twopointo/server-kit';

export const voiceConfig = {
  ...janusConfig,
  /** seconds the Janus tokens of a voice join stay valid (the client re-POSTs before expires_at) */
  VOICE_TOKEN_TTL_S: env.int(900, 60, 86_400),
  /** ICE servers for browsers, comma-separated `stun:`/`turn:`/`turns:` URLs */
  VOICE_ICE_SERVERS: env.list([]),
  /** coturn's `static-auth-secret`: turn: URLs get time-limited credentials from it */
  VOICE_TURN_SECRET: env.optional(),
  /** the Edge's heartbeat interval, ms: a user without a socket for 1.5 intervals leaves voice */
  HEARTBEAT_INTERVAL: env.int(30_000, 50),
  /** ms between voice sweeps (absent users, strangers in rooms, mutes not yet applied) */
  VOICE_SWEEP_MS: env.int(2_000, 50),
};
