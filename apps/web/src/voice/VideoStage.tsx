/**
 * Cameras and shared screens of the call, above the messages: a tile each (one's own included,
 * mirrored for a camera), a click makes one large; nothing when no video is on.
 */
import { useEffect, useRef, useState } from 'react';
import type { FeedKind } from './videoroom.ts';
import { useMemberNames, useVoiceController } from './VoiceProvider.tsx';

interface Tile {
  key: string;
  userId: string;
  kind: FeedKind;
  stream: MediaStream;
  mine: boolean;
}

export function VideoStage({ myId }: { myId: string }) {
  const controller = useVoiceController();
  const call = controller.call;
  const names = useMemberNames(controller.channel?.serverId);
  const [focus, setFocus] = useState<string | null>(null);
  const [streams] = useState(() => new Map<MediaStreamTrack, MediaStream>());
  if (!call) return null;

  const tiles: Tile[] = [];
  if (call.camera)
    tiles.push({ key: 'me:camera', userId: myId, kind: 'camera', stream: call.camera, mine: true });
  if (call.screen)
    tiles.push({ key: 'me:screen', userId: myId, kind: 'screen', stream: call.screen, mine: true });
  for (const t of call.remote) {
    if (t.kind === 'audio' || t.track.kind !== 'video') continue;
    // one MediaStream per track, kept, so the <video> is not reset on every render
    let stream = streams.get(t.track);
    if (!stream) streams.set(t.track, (stream = new MediaStream([t.track])));
    tiles.push({ key: t.key, userId: t.userId, kind: t.kind, stream, mine: false });
  }
  if (!tiles.length) return null;
  const focused = tiles.find((t) => t.key === focus);

  return (
    <section
      className={`video-stage${focused ? ' focused' : ''}`}
      data-testid="video-stage"
      aria-label="Video"
    >
      {(focused ? [focused] : tiles).map((t) => (
        <figure
          key={t.key}
          className={`video-tile ${t.kind}`}
          data-testid="video-tile"
          data-kind={t.kind}
          data-mine={t.mine || undefined}
          onClick={() => setFocus((f) => (f === t.key ? null : t.key))}
        >
          <Video stream={t.stream} mirrored={t.mine && t.kind === 'camera'} />
          <figcaption>
            {t.mine ? 'You' : (names.get(t.userId) ?? 'Someone')}
            {t.kind === 'screen' ? ' — screen' : ''}
          </figcaption>
        </figure>
      ))}
    </section>
  );
}

function Video({ stream, mirrored }: { stream: MediaStream; mirrored: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el && el.srcObject !== stream) el.srcObject = stream;
  }, [stream]);
  return <video ref={ref} autoPlay playsInline muted className={mirrored ? 'mirrored' : ''} />;
}
