/**
 * The call panel above the user panel: where the call is and how it is doing, the input meter,
 * mute, deafen, camera, screen share, device settings and leave. It stays while the user moves
 * between text channels and servers, and says so when the server has no voice.
 */
import type { Channel } from '@twopointo/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { DeviceSettings } from './DeviceSettings.tsx';
import type { VoiceCall } from './voice-call.ts';
import { VoiceIcon } from './VoiceIcon.tsx';
import { useVoiceController } from './VoiceProvider.tsx';

const STATUS_TEXT = {
  connecting: 'Connecting…',
  connected: 'Voice connected',
  reconnecting: 'Reconnecting…',
  failed: 'Connection lost',
  ended: 'Disconnected',
} as const;

export function CallPanel() {
  const controller = useVoiceController();
  const [settings, setSettings] = useState(false);
  const { channel, call, prefs } = controller;
  const channels = useQuery({
    queryKey: keys.channels(channel?.serverId ?? ''),
    queryFn: () => official.channels(channel!.serverId),
    enabled: !!channel,
  });
  const servers = useQuery({ queryKey: keys.servers, queryFn: official.myServers, enabled: !!channel });
  if (!channel && !controller.error) return null;
  const name = channels.data?.find((c: Channel) => c.id === channel?.id)?.name ?? 'voice';
  const serverName = servers.data?.find((s) => s.id === channel?.serverId)?.name;
  const status = controller.joining || !call ? 'connecting' : call.status;

  return (
    <section className="call-panel" data-testid="call-panel" aria-label="Voice call">
      {channel && (
        <div className="call-head">
          <div className="call-where">
            <strong className={`call-status ${status}`} data-testid="call-status" data-status={status}>
              {STATUS_TEXT[status]}
            </strong>
            <span className="muted small" data-testid="call-channel">
              {name}
              {serverName ? ` / ${serverName}` : ''}
            </span>
          </div>
          <button
            className="icon-btn danger"
            title="Leave the call"
            aria-label="Leave the call"
            onClick={() => void controller.leave()}
            data-testid="voice-leave"
          >
            <VoiceIcon name="hangup" />
          </button>
        </div>
      )}
      {call && <InputMeter call={call} muted={prefs.selfMute || call.serverMute} />}
      {channel && (
        <div className="call-buttons">
          <Toggle
            on={prefs.selfMute}
            icon="mic"
            label={prefs.selfMute ? 'Unmute' : 'Mute'}
            onClick={() => controller.toggleMute()}
            testid="voice-mute"
          />
          <Toggle
            on={prefs.selfDeaf}
            icon="headphones"
            label={prefs.selfDeaf ? 'Undeafen' : 'Deafen'}
            onClick={() => controller.toggleDeaf()}
            testid="voice-deafen"
          />
          <Toggle
            on={!call?.camera}
            icon="camera"
            label={call?.camera ? 'Turn camera off' : 'Turn camera on'}
            onClick={() => void controller.setCamera(!call?.camera)}
            disabled={!call || call.status !== 'connected'}
            testid="voice-camera"
          />
          <button
            className={`icon-btn${call?.screen ? ' on' : ''}`}
            title={call?.screen ? 'Stop sharing' : 'Share your screen'}
            aria-label={call?.screen ? 'Stop sharing' : 'Share your screen'}
            aria-pressed={!!call?.screen}
            onClick={() => void controller.setScreen(!call?.screen)}
            disabled={!call || call.status !== 'connected'}
            data-testid="voice-screen"
          >
            <VoiceIcon name="screen" />
          </button>
          <button
            className={`icon-btn${settings ? ' on' : ''}`}
            title="Voice settings"
            aria-label="Voice settings"
            aria-expanded={settings}
            onClick={() => setSettings((s) => !s)}
            data-testid="voice-settings"
          >
            <VoiceIcon name="settings" />
          </button>
        </div>
      )}
      {settings && channel && <DeviceSettings />}
      {controller.error && (
        <div className="inline-error small" role="alert" data-testid="voice-error">
          {controller.error}
        </div>
      )}
      {call?.status === 'failed' && channel && (
        <button
          className="btn btn-secondary small"
          onClick={() => void controller.join(channel)}
          data-testid="voice-retry"
        >
          Reconnect
        </button>
      )}
    </section>
  );
}

/** A mute-style button: `on` means the thing is off (struck through), as in every call app. */
function Toggle(props: {
  on: boolean;
  icon: 'mic' | 'headphones' | 'camera';
  label: string;
  onClick: () => void;
  disabled?: boolean;
  testid: string;
}) {
  return (
    <button
      className={`icon-btn${props.on && props.icon !== 'camera' ? ' off' : ''}${props.icon === 'camera' && !props.on ? ' on' : ''}`}
      title={props.label}
      aria-label={props.label}
      aria-pressed={props.icon === 'camera' ? !props.on : props.on}
      onClick={props.onClick}
      disabled={props.disabled}
      data-testid={props.testid}
    >
      <VoiceIcon name={props.icon} off={props.on} />
    </button>
  );
}

/** The microphone's level, read from the call's analyser a few times a second. */
function InputMeter({ call, muted }: { call: VoiceCall; muted: boolean }) {
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const timer = setInterval(() => {
      const level = muted ? 0 : call.inputLevel();
      if (bar.current) bar.current.style.width = `${Math.round(level * 100)}%`;
    }, 100);
    return () => clearInterval(timer);
  }, [call, muted]);
  return (
    <div className="input-meter" title="Input level" data-testid="input-meter">
      <div ref={bar} className="input-meter-bar" />
    </div>
  );
}
