/**
 * Audio levels: the microphone's through a WebAudio AnalyserNode, others' from what the browser
 * decoded of their stream. Both cover the whole time since the previous read, not the instant of
 * the read: a sound shorter than the read interval (a clipped word, a test tone's 20 ms beep)
 * still counts, whatever the phase between the two.
 */

/** The level (0..1) of a local stream over its last ~170 ms, read on demand. */
export class LevelMeter {
  private readonly ctx: AudioContext | null;
  private readonly analyser: AnalyserNode | null;
  private readonly buf: Float32Array<ArrayBuffer>;

  constructor(stream: MediaStream) {
    const Ctx = globalThis.AudioContext as typeof AudioContext | undefined;
    this.ctx = Ctx ? new Ctx() : null;
    this.analyser = this.ctx?.createAnalyser() ?? null;
    // 8192 samples: ~170 ms at 48 kHz, most of the 200 ms between two reads
    this.buf = new Float32Array(new ArrayBuffer(4 * 8192));
    if (this.ctx && this.analyser) {
      this.analyser.fftSize = 8192;
      this.ctx.createMediaStreamSource(stream).connect(this.analyser);
    }
  }

  /** RMS amplitude (0..1, full scale 1): the scale of the stats' audio levels, for "speaking" */
  rms(): number {
    if (!this.analyser) return 0;
    this.analyser.getFloatTimeDomainData(this.buf);
    let sum = 0;
    for (const v of this.buf) sum += v * v;
    return Math.min(1, Math.sqrt(sum / this.buf.length));
  }

  /** For the input meter: speech RMS sits around 0.01–0.2, a square root spreads it over the bar. */
  level(): number {
    return Math.sqrt(this.rms());
  }

  close(): void {
    void this.ctx?.close().catch(() => undefined);
  }
}

/** The level (0..1) of the last packet the browser received on an audio track (RTP header extension). */
function instantLevel(receiver: RTCRtpReceiver): number {
  const sources = receiver.getSynchronizationSources?.() ?? [];
  let level = 0;
  for (const s of sources) if (typeof s.audioLevel === 'number') level = Math.max(level, s.audioLevel);
  return level;
}

interface Energy {
  /** Σ level² × seconds of the audio decoded so far (the stats' totalAudioEnergy) */
  energy: number;
  /** seconds of audio decoded so far (totalSamplesDuration) */
  seconds: number;
}

async function energyOf(receiver: RTCRtpReceiver): Promise<Energy | null> {
  if (typeof receiver.getStats !== 'function') return null;
  try {
    let found: Energy | null = null;
    (await receiver.getStats()).forEach((s: Record<string, unknown>) => {
      if (s.type !== 'inbound-rtp' || typeof s.totalAudioEnergy !== 'number') return;
      if (typeof s.totalSamplesDuration !== 'number') return;
      found = { energy: s.totalAudioEnergy, seconds: s.totalSamplesDuration };
    });
    return found;
  } catch {
    return null; // the receiver's connection closed meanwhile
  }
}

/** Levels of received audio tracks, each over the time since the previous read. */
export class RemoteLevels {
  private last = new Map<RTCRtpReceiver, Energy>();

  /**
   * Each receiver's RMS level since the last read: the energy decoded in between over the time it
   * covers. The first read of a receiver (or one without energy stats) gives the last packet's level.
   */
  async read(receivers: RTCRtpReceiver[]): Promise<Map<RTCRtpReceiver, number>> {
    const now = await Promise.all(receivers.map(async (r) => [r, await energyOf(r)] as const));
    const levels = new Map<RTCRtpReceiver, number>();
    const next = new Map<RTCRtpReceiver, Energy>();
    for (const [r, e] of now) {
      const before = this.last.get(r);
      let level = instantLevel(r);
      if (e) {
        next.set(r, e);
        const seconds = before ? e.seconds - before.seconds : 0;
        if (before && seconds > 0)
          level = Math.max(level, Math.sqrt(Math.max(0, e.energy - before.energy) / seconds));
      }
      levels.set(r, Math.min(1, level));
    }
    // receivers gone since are forgotten
    this.last = next;
    return levels;
  }
}
