/**
 * Test fixture for netns.test.ts, run inside the loopback namespace: starts a media Janus,
 * publishes a made-up audio offer and writes the addresses of the candidates in Janus' answer
 * to the file named by argv[2] (JSON).
 */
import { writeFileSync } from 'node:fs';
import { JanusTestPeer, startTestJanus } from './testing.ts';
import { coreToken, roomToken } from './tokens.ts';
import { VideoRoomControl } from './videoroom-control.ts';

const janus = await startTestJanus({ media: true });
const control = new VideoRoomControl(janus.urls[0]!, janus.tokenSecret);
let peer: JanusTestPeer | null = null;
try {
  await control.request({ request: 'create', room: 'probe', publishers: 2 });
  const exp = Math.floor(Date.now() / 1000) + 60;
  peer = await JanusTestPeer.connect(janus.urls[0]!, {
    token: coreToken(janus.tokenSecret, exp),
    join_token: roomToken(janus.tokenSecret, 'probe', exp),
    room: 'probe',
    participant_id: 'probe-1',
  });
  await peer.join();
  const reply = await peer.publishAudio();
  const withJsep = reply.jsep ? reply : await peer.waitFor((m) => m.jsep !== undefined, 10_000);
  const sdp = String((withJsep.jsep as { sdp?: string }).sdp ?? '');
  const addresses = sdp
    .split(/\r?\n/)
    .filter((l) => l.startsWith('a=candidate:'))
    .map((l) => l.split(' ')[4]);
  writeFileSync(process.argv[2]!, JSON.stringify(addresses));
} finally {
  peer?.close();
  control.close();
  await janus.stop();
}
process.exit(0);
