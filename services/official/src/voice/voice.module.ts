/**
 * Wires voice into Official: the store, Janus rooms when JANUS_URLS is set and the sweep (tied to
 * the app's life). The routes are registered by the caller (registerVoiceRoutes) on each server
 * that mounts Official's routes.
 */
import type { EventBus } from '@twopointo/bus';
import type { Cache } from '@twopointo/cache';
import type { AccessRepository } from '../access/access.repository.ts';
import type { OfficialConfig } from '../config.ts';
import type { OfficialApp } from '../http/types.ts';
import type { MemberRepository } from '../members/member.repository.ts';
import { MediaRooms } from './media-rooms.ts';
import { VoiceStateStore } from './voice-state.store.ts';
import { VoiceService } from './voice.service.ts';
import { VoiceSweeper } from './voice-sweeper.ts';
import { VoiceAccessWatcher } from './voice-access.ts';
import type { BusSubscription } from '@twopointo/bus';

export interface VoiceDeps {
  config: OfficialConfig;
  bus: EventBus;
  cache: Cache;
  accessRepo: AccessRepository;
  memberRepo: MemberRepository;
}

export function buildVoice(app: OfficialApp, d: VoiceDeps): VoiceService {
  const { config } = d;
  const store = new VoiceStateStore(d.cache);
  const secret = config.JANUS_TOKEN_SECRET;
  const rooms =
    config.JANUS_URLS.length > 0 && secret ? new MediaRooms(config.JANUS_URLS, secret, store) : null;
  const voice = new VoiceService(
    store,
    rooms,
    d.bus,
    d.accessRepo,
    d.memberRepo,
    secret
      ? {
          tokenSecret: secret,
          ttlS: config.VOICE_TOKEN_TTL_S,
          iceServers: config.VOICE_ICE_SERVERS,
          turnSecret: config.VOICE_TURN_SECRET,
        }
      : null,
    app.log,
  );
  if (rooms) {
    const sweeper = new VoiceSweeper(store, rooms, voice, d.cache, {
      graceMs: Math.round(config.HEARTBEAT_INTERVAL * 1.5),
      intervalMs: config.VOICE_SWEEP_MS,
      log: app.log,
    });
    const watcher = new VoiceAccessWatcher(store, voice, d.accessRepo, app.log);
    let subscription: BusSubscription | undefined;
    app.addHook('onReady', async () => {
      subscription = d.bus.subscribe(watcher.onRecord);
      await subscription.ready;
      sweeper.start();
    });
    app.addHook('onClose', async () => {
      await subscription?.unsubscribe();
      await sweeper.stop();
      await watcher.idle();
      rooms.close();
    });
  }
  return voice;
}
