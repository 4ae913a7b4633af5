/**
 * The signed-in app's address: which conversation the route shows (`view`), which overlay is
 * over it, the message it asks to show, and the moves between places. Every move is a
 * navigation, so back and forward move between channels and a reload keeps the place.
 */
import { useCallback, useMemo, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { JumpRequest } from '../components/MessagePane.tsx';
import { lastChatPlace, loadLastPlace } from './last-place.ts';
import {
  isChatPlace,
  messagePath,
  parsePlace,
  placePath,
  type ChatPlace,
  type Place,
  type UserSettingsSection,
} from './places.ts';

/** history state of an overlay opened from inside the app: closing it goes back */
interface OverlayState {
  overlay?: boolean;
}

export interface ChatPlaceApi {
  place: Place;
  /** the conversation shown: the address's own, or (overlays, `/`, invites) the last one */
  view: ChatPlace | null;
  /** the address names this server/channel/DM itself: a missing one is an error, not a fallback */
  explicit: boolean;
  /** a message the address asks to show (a new request at each navigation to it) */
  jump: (JumpRequest & { channelId: string }) | null;
  selectServer: (serverId: string) => void;
  selectChannel: (serverId: string, channelId: string) => void;
  /** a DM, or Home (null: the last DM there, or the first) */
  selectDm: (channelId: string | null) => void;
  openMessage: (serverId: string | null, channelId: string, messageId: string) => void;
  openSettings: (section?: UserSettingsSection) => void;
  openServerSettings: (serverId: string, section?: string) => void;
  /** a section picked inside an open settings screen (replaces the address) */
  setSection: (section: string) => void;
  closeOverlay: () => void;
  /** the place as resolved (a server's channel, Home's DM) written into the address, in place */
  canonicalize: (resolved: ChatPlace) => void;
  /** back to `/`, which resolves to the last place (or the first server) */
  goRoot: () => void;
  /** an invite handled (joined or dismissed): its address gives way to the app's */
  leaveInvite: () => void;
}

export function useChatPlace(): ChatPlaceApi {
  const location = useLocation();
  const navigate = useNavigate();
  const place = useMemo(() => parsePlace(location.pathname), [location.pathname]);

  const view = useMemo<ChatPlace | null>(() => {
    if (isChatPlace(place)) return place;
    if (place.kind === 'server-settings') {
      const channelId = loadLastPlace().channelByServer[place.serverId];
      return channelId
        ? { kind: 'server', serverId: place.serverId, channelId }
        : { kind: 'server', serverId: place.serverId };
    }
    return lastChatPlace();
  }, [place]);
  const explicit = isChatPlace(place) || place.kind === 'server-settings';

  const seq = useRef(0);
  const messageId = view && view.kind !== 'home' ? view.messageId : undefined;
  const channelId =
    view?.kind === 'dm' ? view.channelId : view?.kind === 'server' ? view.channelId : undefined;
  const jump = useMemo(
    () => (messageId && channelId ? { channelId, messageId, seq: ++seq.current } : null),
    // every navigation to a message (location.key) is a new request, even to the same one
    [messageId, channelId, location.key],
  );

  const go = useCallback((path: string) => void navigate(path), [navigate]);
  // a server or Home without more: the last channel (DM) there, or the first, fills it in
  const selectServer = useCallback((serverId: string) => go(placePath({ kind: 'server', serverId })), [go]);
  const selectChannel = useCallback(
    (serverId: string, channelId: string) => go(placePath({ kind: 'server', serverId, channelId })),
    [go],
  );
  const selectDm = useCallback(
    (channelId: string | null) => go(placePath(channelId ? { kind: 'dm', channelId } : { kind: 'home' })),
    [go],
  );
  const openMessage = useCallback(
    (serverId: string | null, channelId: string, messageId: string) =>
      go(messagePath(serverId, channelId, messageId)),
    [go],
  );
  const openSettings = useCallback(
    (section: UserSettingsSection = 'account') =>
      void navigate(placePath({ kind: 'settings', section }), {
        state: { overlay: true } satisfies OverlayState,
      }),
    [navigate],
  );
  const openServerSettings = useCallback(
    (serverId: string, section?: string) =>
      void navigate(placePath({ kind: 'server-settings', serverId, ...(section ? { section } : {}) }), {
        state: { overlay: true } satisfies OverlayState,
      }),
    [navigate],
  );
  const state = location.state as OverlayState | null;
  const setSection = useCallback(
    (section: string) => {
      const next: Place | null =
        place.kind === 'settings'
          ? { kind: 'settings', section: section as UserSettingsSection }
          : place.kind === 'server-settings'
            ? { kind: 'server-settings', serverId: place.serverId, section }
            : null;
      if (next) void navigate(placePath(next), { replace: true, state });
    },
    [navigate, place, state],
  );
  const closeOverlay = useCallback(() => {
    // opened from inside the app: back to where it was opened; opened by its address: its view
    if (state?.overlay) void navigate(-1);
    else void navigate(view ? placePath(view) : '/', { replace: true });
  }, [navigate, state, view]);
  const canonicalize = useCallback(
    (resolved: ChatPlace) => {
      const path = placePath(resolved);
      if (path !== location.pathname) void navigate(path, { replace: true });
    },
    [navigate, location.pathname],
  );
  const goRoot = useCallback(() => void navigate('/'), [navigate]);
  // read from the window, not this render: a join may have moved on before its dialog closes
  const leaveInvite = useCallback(() => {
    if (window.location.pathname.startsWith('/invite/')) void navigate('/', { replace: true });
  }, [navigate]);

  return {
    place,
    view,
    explicit,
    jump,
    selectServer,
    selectChannel,
    selectDm,
    openMessage,
    openSettings,
    openServerSettings,
    setSection,
    closeOverlay,
    canonicalize,
    goRoot,
    leaveInvite,
  };
}
