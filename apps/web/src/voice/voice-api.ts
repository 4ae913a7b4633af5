/** The voice calls to Official (join, leave, own state, moderation, who is where), through the generated client. */
import type { VoiceState } from '@twopointo/shared';
import { officialClient, ok } from '../api/http.ts';
import { edgeUrl } from '../config.ts';
import type { VoiceCredentials } from './voice-call.ts';

export type { VoiceState };
export type SelfVoice = Partial<Pick<VoiceState, 'self_mute' | 'self_deaf' | 'self_video' | 'self_stream'>>;
export type ModVoice = { mute?: boolean; deaf?: boolean; channel_id?: string | null };

const cid = (id: string) => ({ params: { path: { cid: id } } });

export const voiceApi = {
  join: (channel: string, body: { self_mute?: boolean; self_deaf?: boolean }): Promise<VoiceCredentials> =>
    ok(officialClient.POST('/channels/{cid}/voice', { ...cid(channel), body })),
  leave: (channel: string) => ok(officialClient.DELETE('/channels/{cid}/voice', cid(channel))),
  updateSelf: (body: SelfVoice) => ok(officialClient.PATCH('/me/voice', { body })),
  moderate: (sid: string, uid: string, body: ModVoice) =>
    ok(officialClient.PATCH('/servers/{sid}/voice-states/{uid}', { params: { path: { sid, uid } }, body })),
  states: (sid: string) =>
    ok(officialClient.GET('/servers/{sid}/voice-states', { params: { path: { sid } } })).then(
      (r) => r.voice_states,
    ),
  status: () => ok(officialClient.GET('/voice/status')),
};

/** The media server's WebSocket URL for what the server answered (a path on the Edge, or absolute). */
export function signallingUrl(url: string): string {
  const u = new URL(edgeUrl(url));
  if (u.protocol === 'http:') u.protocol = 'ws:';
  if (u.protocol === 'https:') u.protocol = 'wss:';
  return u.toString();
}
