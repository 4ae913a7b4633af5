/** Request and answer schemas of the voice routes. */
import { Type } from '@fastify/type-provider-typebox';
import { VoiceState } from '@twopointo/shared';
import { IdInput } from '../http/schema.ts';

export const JoinVoiceBody = Type.Object({
  self_mute: Type.Optional(Type.Boolean()),
  self_deaf: Type.Optional(Type.Boolean()),
});
export const UpdateMyVoiceBody = Type.Object({
  self_mute: Type.Optional(Type.Boolean()),
  self_deaf: Type.Optional(Type.Boolean()),
  self_video: Type.Optional(Type.Boolean({ description: 'camera on; true needs STREAM' })),
  self_stream: Type.Optional(Type.Boolean({ description: 'screen share on; true needs STREAM' })),
});
export const ModerateVoiceBody = Type.Object({
  mute: Type.Optional(Type.Boolean({ description: 'server mute (MUTE_MEMBERS)' })),
  deaf: Type.Optional(Type.Boolean({ description: 'server deafen (DEAFEN_MEMBERS)' })),
  channel_id: Type.Optional(
    Type.Union([IdInput, Type.Null()], {
      description: 'move to this voice channel, or null to disconnect (MOVE_MEMBERS)',
    }),
  ),
});
export const VoiceStateParams = Type.Object({ sid: IdInput, uid: IdInput });

const IceServer = Type.Object({
  urls: Type.Array(Type.String()),
  username: Type.Optional(Type.String()),
  credential: Type.Optional(Type.String()),
});
export const JoinVoiceAnswer = Type.Object({
  url: Type.String({
    description: "the Edge's WebSocket path to the room's Janus (same origin, subprotocol janus-protocol)",
  }),
  token: Type.String({ description: 'Janus API token: the `token` of every Janus request' }),
  join_token: Type.String({
    description: 'the `token` of VideoRoom `join` requests (publisher and subscriber)',
  }),
  room: Type.String({ description: 'the VideoRoom room id (the channel id)' }),
  participant_id: Type.String({ description: 'the `id` to join the room with as a publisher' }),
  expires_at: Type.String({ format: 'date-time', description: 'both tokens expire then: POST again before' }),
  ice_servers: Type.Array(IceServer),
  bitrate: Type.Integer({ description: 'bit/s cap of each publisher' }),
  voice_state: VoiceState,
});
export const VoiceStatusAnswer = Type.Object({
  available: Type.Boolean({ description: 'false: "Voice is not set up on this server"' }),
});
