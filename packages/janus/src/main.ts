/**
 * `node bin/janus.mjs` (the compose file's janus service): runs Janus from the same generated
 * config as the embedded default, with the token secret the other services share
 * (JANUS_TOKEN_SECRET) and the JANUS_* settings, until SIGINT/SIGTERM.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { repoPath } from '@twopointo/runtime';
import { env, readConfig, runUntilSignal } from '@twopointo/server-kit';
import { embeddedJanusConfig } from './embedded.ts';
import { startJanus } from './launcher.ts';

await runUntilSignal(async () => {
  const c = readConfig({
    ...embeddedJanusConfig,
    DATA_DIR: repoPath('./data'),
    JANUS_TOKEN_SECRET: env.string(),
  });
  const janus = await startJanus({
    binary: c.JANUS_BINARY,
    dir: join(c.DATA_DIR, 'janus'),
    host: c.JANUS_HOST,
    wsPort: c.JANUS_WS_PORT,
    adminPort: c.JANUS_ADMIN_PORT,
    rtpPorts: c.JANUS_RTP_PORTS,
    tokenSecret: c.JANUS_TOKEN_SECRET,
    adminSecret: randomBytes(24).toString('base64url'),
    iceEnforceList: c.JANUS_ICE_ENFORCE_LIST,
    iceIgnoreList: c.JANUS_ICE_IGNORE_LIST,
    natMapping: c.JANUS_NAT_1_1_MAPPING,
    stunServer: c.JANUS_STUN_SERVER,
  });
  console.log(`janus answering on ${janus.url} (config and log in ${join(c.DATA_DIR, 'janus')})`);
  return { close: () => janus.stop() };
});
