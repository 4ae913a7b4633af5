/** The voice calls to Official (join, leave, own state, moderation, who is where). */
import { apiJson } from '../api/http.ts';
import { edgeUrl } from '../config.ts';
import type { VoiceCredentials } from './voice-call.ts';

/** One user's voice state, as GET voice-states and VOICE_STATE_UPDATE carry it. */
export interface VoiceState {
  user_id: string;
  server_id: string;
  channel_id: string | null;
  self_mute: boolean;
  self_deaf: boolean;
  mute: boolean;
  deaf: boolean;
  self_video: boolean;
  self_stream: boolean;
}

export type SelfVoice = Partial<Pick<VoiceState, 'self_mute' | 'self_deaf' | 'self_video' | 'self_stream'>>;
export type ModVoice = { mute?: boolean; deaf?: boolean; channel_id?: string | null };

export const voiceApi = {
  join: (cid: string, body: { self_mute?: boolean; self_deaf?: boolean }) =>
    apiJson<VoiceCredentials>('POST', `/api/channels/${cid}/voice`, body),
  leave: (cid: string) => apiJson<unknown>('DELETE', `/api/channels/${cid}/voice`),
  updateSelf: (body: SelfVoice) => apiJson<unknown>('PATCH', '/api/me/voice', body),
  moderate: (sid: string, uid: string, body: ModVoice) =>
    apiJson<unknown>('PATCH', `/api/servers/${sid}/voice-states/${uid}`, body),
  states: (sid: string) =>
    apiJson<{ voice_states: VoiceState[] }>('GET', `/api/servers/${sid}/voice-states`).then(
      (r) => r.voice_states,
    ),
};

/** The media server's WebSocket URL for what the server answered (a path on the Edge, or absolute). */
export function signallingUrl(url: string): string {
  const u = new URL(edgeUrl(url));
  if (u.protocol === 'http:') u.protocol = 'ws:';
  if (u.protocol === 'https:') u.protocol = 'wss:';
  return u.toString();
}
