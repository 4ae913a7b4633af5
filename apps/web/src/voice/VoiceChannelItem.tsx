/**
 * A voice channel in the sidebar: click to join (or switch to it), and who is in it with their
 * state (speaking ring, muted, deafened, camera, sharing). Each participant opens a menu with
 * their volume (in the same call) and, for moderators, server mute/deafen, move and disconnect.
 */
import { useQuery } from '@tanstack/react-query';
import type { Channel } from '@twopointo/shared';
import { useState } from 'react';
import { errorMessage } from '../api/api-error.ts';
import type { ServerAbilities } from '../chat/permissions.ts';
import { Avatar } from '../components/Avatar.tsx';
import { voiceApi, type VoiceState } from './voice-api.ts';
import { VOICE_UNAVAILABLE } from './voice-controller.ts';
import { VoiceIcon } from './VoiceIcon.tsx';
import { useMemberNames, useVoiceController, useVoiceStates } from './VoiceProvider.tsx';

/** whether the server has a media server (asked once in a while, not per channel) */
export const VOICE_STATUS_KEY = ['voice-status'] as const;

export function VoiceChannelItem({
  channel,
  voiceChannels,
  abilities,
  myId,
}: {
  channel: Channel;
  /** every voice channel of the server, for "move to" */
  voiceChannels: Channel[];
  abilities: ServerAbilities;
  myId: string;
}) {
  const controller = useVoiceController();
  const states = useVoiceStates(channel.server_id, channel.id);
  const names = useMemberNames(channel.server_id);
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const here = controller.channel?.id === channel.id;
  const full = !!channel.user_limit && states.length >= channel.user_limit && !here;

  return (
    <div className="voice-channel" data-testid="voice-channel" data-channel-name={channel.name}>
      <div className={`channel-item${here ? ' active' : ''}`}>
        <button
          className="channel-link"
          onClick={() => void controller.join({ id: channel.id, serverId: channel.server_id })}
          disabled={controller.joining && here}
          data-testid="voice-channel-join"
          aria-label={`${here ? 'Connected to' : 'Join'} voice channel ${channel.name}${full ? ' (full)' : ''}`}
        >
          <span className="hash">
            <VoiceIcon name="speaker" size={16} />
          </span>
          <span className="channel-name">{channel.name}</span>
          {!!channel.user_limit && (
            <span className="voice-limit muted small">
              {states.length}/{channel.user_limit}
            </span>
          )}
        </button>
      </div>
      {states.length > 0 && (
        <ul className="voice-participants" aria-label={`In ${channel.name}`}>
          {states.map((s) => (
            <Participant
              key={s.user_id}
              state={s}
              name={names.get(s.user_id) ?? 'Someone'}
              speaking={here && !!controller.call?.isSpeaking(s.user_id)}
              open={menuFor === s.user_id}
              onToggle={() => setMenuFor((m) => (m === s.user_id ? null : s.user_id))}
              onClose={() => setMenuFor(null)}
              isMe={s.user_id === myId}
              inMyCall={here}
              abilities={abilities}
              otherChannels={voiceChannels.filter((c) => c.id !== channel.id)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function Participant(props: {
  state: VoiceState;
  name: string;
  speaking: boolean;
  open: boolean;
  onToggle: () => void;
  onClose: () => void;
  isMe: boolean;
  inMyCall: boolean;
  abilities: ServerAbilities;
  otherChannels: Channel[];
}) {
  const { state: s, name } = props;
  const muted = s.self_mute || s.mute || s.suppress;
  const deaf = s.self_deaf || s.deaf;
  return (
    <li
      className="voice-participant"
      data-testid="voice-participant"
      data-user-name={name}
      data-speaking={props.speaking || undefined}
      data-muted={muted || undefined}
      data-deafened={deaf || undefined}
    >
      <button className="voice-participant-btn" onClick={props.onToggle} aria-expanded={props.open}>
        <span className={`speaking-ring${props.speaking ? ' on' : ''}`}>
          <Avatar id={s.user_id} name={name} size={24} />
        </span>
        <span className="voice-participant-name">{name}</span>
        <span className="voice-flags">
          {s.self_video && (
            <span title="Camera on" aria-label="camera on" data-testid="flag-camera">
              <VoiceIcon name="camera" size={14} />
            </span>
          )}
          {s.self_stream && (
            <span
              className="live"
              title="Sharing screen"
              aria-label="sharing screen"
              data-testid="flag-stream"
            >
              LIVE
            </span>
          )}
          {muted && (
            <span
              className={s.mute ? 'danger' : ''}
              title={s.mute ? 'Server muted' : 'Muted'}
              aria-label="muted"
            >
              <VoiceIcon name="mic" size={14} off />
            </span>
          )}
          {deaf && (
            <span
              className={s.deaf ? 'danger' : ''}
              title={s.deaf ? 'Server deafened' : 'Deafened'}
              aria-label="deafened"
            >
              <VoiceIcon name="headphones" size={14} off />
            </span>
          )}
        </span>
      </button>
      {props.open && <ParticipantMenu {...props} />}
    </li>
  );
}

/** The moderator's on/off rows: server mute and server deafen. */
const MOD_TOGGLES = [
  { field: 'mute', ability: 'muteMembers', label: 'Server mute', undo: 'Server unmute', testId: 'mod-mute' },
  {
    field: 'deaf',
    ability: 'deafenMembers',
    label: 'Server deafen',
    undo: 'Server undeafen',
    testId: 'mod-deafen',
  },
] as const;

function ParticipantMenu(props: {
  state: VoiceState;
  name: string;
  onClose: () => void;
  isMe: boolean;
  inMyCall: boolean;
  abilities: ServerAbilities;
  otherChannels: Channel[];
}) {
  const controller = useVoiceController();
  const { state: s, abilities } = props;
  const [error, setError] = useState<string | null>(null);
  const moderate = (body: { mute?: boolean; deaf?: boolean; channel_id?: string | null }) => {
    setError(null);
    voiceApi
      .moderate(s.server_id, s.user_id, body)
      .then(() => props.onClose())
      .catch((err: unknown) => setError(errorMessage(err)));
  };
  const call = controller.call;
  const showVolume = props.inMyCall && !props.isMe && call;
  const nothing = !showVolume && !abilities.muteMembers && !abilities.deafenMembers && !abilities.moveMembers;
  return (
    <div className="menu voice-user-menu" role="menu" data-testid="voice-user-menu">
      {showVolume && (
        <label className="voice-volume">
          <span className="small muted">User volume</span>
          <input
            type="range"
            min={0}
            max={100}
            value={Math.round(call.volumeOf(s.user_id) * 100)}
            onChange={(e) => call.setVolume(s.user_id, Number(e.target.value) / 100)}
            aria-label={`Volume of ${props.name}`}
            data-testid="user-volume"
          />
        </label>
      )}
      {MOD_TOGGLES.filter((t) => abilities[t.ability]).map((t) => (
        <button
          key={t.field}
          role="menuitem"
          onClick={() => moderate({ [t.field]: !s[t.field] })}
          data-testid={t.testId}
        >
          {s[t.field] ? t.undo : t.label}
        </button>
      ))}
      {abilities.moveMembers && props.otherChannels.length > 0 && (
        <label className="voice-move">
          <span className="small muted">Move to</span>
          <select
            value=""
            onChange={(e) => e.target.value && moderate({ channel_id: e.target.value })}
            data-testid="mod-move"
          >
            <option value="">Choose a channel…</option>
            {props.otherChannels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {abilities.moveMembers && (
        <button
          role="menuitem"
          className="danger"
          onClick={() => moderate({ channel_id: null })}
          data-testid="mod-disconnect"
        >
          Disconnect
        </button>
      )}
      {nothing && (
        <span className="small muted pad">
          {props.isMe ? 'This is you' : 'Join the call to set a volume'}
        </span>
      )}
      {error && <div className="inline-error small">{error}</div>}
    </div>
  );
}

/** The server's voice channels under their heading (nothing when it has none). */
export function VoiceChannels({
  channels,
  abilities,
  myId,
}: {
  channels: Channel[] | undefined;
  abilities: ServerAbilities;
  myId: string;
}) {
  const voice = (channels ?? []).filter((c) => c.type === 'voice');
  const status = useQuery({
    queryKey: VOICE_STATUS_KEY,
    queryFn: voiceApi.status,
    enabled: voice.length > 0,
    staleTime: 5 * 60_000,
    retry: false,
  });
  if (!voice.length) return null;
  return (
    <>
      <div className="channel-group">
        <span>Voice channels</span>
      </div>
      {status.data?.available === false && (
        <p className="muted small pad" data-testid="voice-unavailable">
          {VOICE_UNAVAILABLE}
        </p>
      )}
      {voice.map((c) => (
        <VoiceChannelItem key={c.id} channel={c} voiceChannels={voice} abilities={abilities} myId={myId} />
      ))}
    </>
  );
}
