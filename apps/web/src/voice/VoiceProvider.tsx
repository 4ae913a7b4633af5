/**
 * Owns the caller's voice (one VoiceController for the signed-in session) and everyone's voice
 * states: loaded for the server on screen, kept by VOICE_STATE_UPDATE, loaded again after the
 * gateway reconnects (ephemeral events are not replayed). The call lives here, above the
 * channel views, so it carries on while the user reads other channels.
 */
import { useQuery } from '@tanstack/react-query';
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { useGateway } from '../gateway/gateway-context.tsx';
import { voiceApi, signallingUrl, type VoiceState } from './voice-api.ts';
import { VoiceCall } from './voice-call.ts';
import { VoiceController } from './voice-controller.ts';
import { VoiceStateStore } from './voice-store.ts';
import './voice.css';

export interface VoiceContextValue {
  controller: VoiceController;
  store: VoiceStateStore;
  reload: Reloads;
}

/** A counter bumped when the voice states must be read again (after a gateway reconnect). */
export class Reloads {
  n = 0;
  private readonly listeners = new Set<() => void>();
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  bump(): void {
    this.n++;
    for (const l of this.listeners) l();
  }
}

export const VoiceContext = createContext<VoiceContextValue | null>(null);

declare global {
  interface Window {
    /** diagnostics for the end-to-end tests */
    __twopointoVoice?: VoiceController;
  }
}

export function VoiceProvider({ myId, children }: { myId: string; children: ReactNode }) {
  const gateway = useGateway();
  const [value] = useState<VoiceContextValue>(() => ({
    reload: new Reloads(),
    store: new VoiceStateStore(),
    controller: new VoiceController({
      userId: myId,
      createCall: (opts) => new VoiceCall(opts),
      resolveUrl: signallingUrl,
      storage: window.localStorage,
    }),
  }));
  const { store, controller } = value;

  useEffect(() => {
    window.__twopointoVoice = controller;
    const hangUp = () => controller.dispose();
    window.addEventListener('pagehide', hangUp);
    return () => {
      window.removeEventListener('pagehide', hangUp);
      void controller.leave();
    };
  }, [controller]);

  useEffect(() => {
    const offs = [
      gateway.on('event', (ev) => {
        if (ev.t !== 'VOICE_STATE_UPDATE') return;
        store.apply(ev.d);
        controller.onState(ev.d);
      }),
      gateway.on('invalidated', () => value.reload.bump()),
      gateway.on('status', (s) => {
        if (s === 'ready') value.reload.bump();
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [gateway, store, controller, value.reload]);

  return <VoiceContext.Provider value={value}>{children}</VoiceContext.Provider>;
}

/** Loads the voice states of the server on screen (again after each gateway reconnect). */
export function useVoiceStatesOf(serverId: string | undefined): void {
  const { store, reload } = useVoice();
  const n = useSyncExternalStore(reload.subscribe, () => reload.n);
  useEffect(() => {
    if (!serverId) return;
    let live = true;
    voiceApi
      .states(serverId)
      .then((list) => live && store.load(serverId, list))
      // a server without voice (or an older one) has nobody in voice
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [serverId, store, n]);
}

export function useVoice(): VoiceContextValue {
  const v = useContext(VoiceContext);
  if (!v) throw new Error('useVoice outside VoiceProvider');
  return v;
}

/** The controller, re-rendering on every change of the call. */
export function useVoiceController(): VoiceController {
  const { controller } = useVoice();
  useSyncExternalStore(controller.subscribe, () => controller.version);
  return controller;
}

/** Everyone in one voice channel, live. */
export function useVoiceStates(serverId: string, channelId: string): VoiceState[] {
  const { store } = useVoice();
  return useSyncExternalStore(store.subscribe, () => store.inChannel(serverId, channelId));
}

/** Display names of a server's members (from the members query the chat already keeps). */
export function useMemberNames(serverId: string | undefined): Map<string, string> {
  const members = useQuery({
    queryKey: keys.members(serverId ?? ''),
    queryFn: () => official.members(serverId!),
    enabled: !!serverId,
  });
  return useMemo(
    () => new Map((members.data ?? []).map((m) => [m.user.id, m.user.username])),
    [members.data],
  );
}
