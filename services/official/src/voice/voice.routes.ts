/** /channels/:cid/voice, /me/voice, /servers/:sid/voice-states[/:uid], /voice/status */
import { Type } from '@fastify/type-provider-typebox';
import { VoiceState } from '@twopointo/shared';
import { ChannelParams } from '../channels/channel.schema.ts';
import { NoContent, errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import { ServerParams } from '../servers/server.schema.ts';
import type { VoiceService } from './voice.service.ts';
import {
  JoinVoiceAnswer,
  JoinVoiceBody,
  ModerateVoiceBody,
  UpdateMyVoiceBody,
  VoiceStateParams,
  VoiceStatusAnswer,
} from './voice.schema.ts';

export function registerVoiceRoutes(app: OfficialApp, voice: VoiceService): void {
  const tags = ['voice'];
  app.get(
    '/voice/status',
    {
      schema: {
        tags,
        operationId: 'getVoiceStatus',
        summary: 'Whether voice is set up on this server (a media server is configured)',
        response: { 200: VoiceStatusAnswer, ...errors(401) },
      },
    },
    async () => ({ available: voice.available }),
  );
  app.post(
    '/channels/:cid/voice',
    {
      config: { userCheck: 'channel' },
      schema: {
        tags,
        operationId: 'joinVoice',
        summary: 'Join a voice channel, or refresh its credentials (CONNECT)',
        description:
          'Answers what the client needs to reach the media server: the Edge WebSocket path, Janus tokens, ' +
          'the room and participant id, ICE servers. A user is in one voice channel at most: joining another ' +
          'leaves the first. POSTing to the channel the user is already in re-issues the tokens (no new ' +
          'participant, no event unless self_mute/self_deaf changed). 403 voice_channel_full at `user_limit` ' +
          '(MOVE_MEMBERS goes past it); 503 voice_unavailable when no media server is set up or it fails.',
        params: ChannelParams,
        body: Type.Optional(JoinVoiceBody),
        response: { 200: JoinVoiceAnswer, ...errors(400, 401, 403, 404, 503) },
      },
    },
    async (req) => voice.join(actorOf(req), req.params.cid, req.body ?? {}),
  );
  app.delete(
    '/channels/:cid/voice',
    {
      schema: {
        tags,
        operationId: 'leaveVoice',
        summary: 'Leave a voice channel',
        description: 'Idempotent: 204 also when the caller is not in this channel.',
        params: ChannelParams,
        response: { 204: NoContent, ...errors(400, 401) },
      },
    },
    async (req, reply) => {
      await voice.leave(actorOf(req), req.params.cid);
      return reply.status(204).send(null);
    },
  );
  app.patch(
    '/me/voice',
    {
      schema: {
        tags,
        operationId: 'updateMyVoiceState',
        summary: 'Change your own voice state (self_video/self_stream true need STREAM)',
        description: '400 not_in_voice when not connected. Emits VOICE_STATE_UPDATE when something changed.',
        body: UpdateMyVoiceBody,
        response: { 200: VoiceState, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => voice.updateSelf(actorOf(req), req.body),
  );
  app.patch(
    '/servers/:sid/voice-states/:uid',
    {
      schema: {
        tags,
        operationId: 'moderateVoiceState',
        summary:
          'Server mute/deafen (MUTE_MEMBERS / DEAFEN_MEMBERS), move or disconnect (MOVE_MEMBERS) a member',
        description:
          'mute/deaf are kept for the member in this server across joins and enforced at the media server. ' +
          '`channel_id` moves a connected member (400 not_in_voice otherwise; the moved member must have ' +
          'CONNECT there), `channel_id: null` disconnects. Answers the member’s voice state, or null when ' +
          'they are not (or no longer) connected.',
        params: VoiceStateParams,
        body: ModerateVoiceBody,
        response: {
          200: Type.Object({ voice_state: Type.Union([VoiceState, Type.Null()]) }),
          ...errors(400, 401, 403, 404, 503),
        },
      },
    },
    async (req) => ({
      voice_state: await voice.moderate(actorOf(req), req.params.sid, req.params.uid, req.body),
    }),
  );
  app.get(
    '/servers/:sid/voice-states',
    {
      schema: {
        tags,
        operationId: 'listVoiceStates',
        summary: "Who is in the server's voice channels (those the caller can see)",
        params: ServerParams,
        response: { 200: Type.Object({ voice_states: Type.Array(VoiceState) }), ...errors(400, 401, 404) },
      },
    },
    async (req) => ({ voice_states: await voice.list(actorOf(req), req.params.sid) }),
  );
}
