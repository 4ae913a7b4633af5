/** Voice records as wire objects, and the comparisons the service and the sweep make on them. */
import type { VoiceState } from '@twopointo/shared';
import type { VoiceRecord } from './voice-state.store.ts';

/** The wire object of a record (channel_id null: the leave announcement). */
export function presentVoiceState(r: VoiceRecord, channelId: string | null = r.channel_id): VoiceState {
  return {
    user_id: r.user_id,
    server_id: r.server_id,
    channel_id: channelId,
    self_mute: r.self_mute,
    self_deaf: r.self_deaf,
    mute: r.mute,
    deaf: r.deaf,
    self_video: r.self_video,
    self_stream: r.self_stream,
    suppress: r.suppress,
  };
}

/** Whether Janus should hold the participant's audio back. */
export const silenced = (r: Pick<VoiceRecord, 'mute' | 'deaf' | 'suppress'>) =>
  r.mute || r.deaf || r.suppress;

/** Whether anything a client sees differs. */
export function changed(a: VoiceRecord, b: VoiceRecord): boolean {
  const x = presentVoiceState(a);
  const y = presentVoiceState(b);
  return (Object.keys(x) as (keyof VoiceState)[]).some((k) => x[k] !== y[k]);
}
