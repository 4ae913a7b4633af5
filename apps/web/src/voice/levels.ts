/** Audio levels: the microphone's through a WebAudio AnalyserNode, others' from their RTP stream. */

/** The level (0..1, RMS) of a local stream, read on demand. */
export class LevelMeter {
  private readonly ctx: AudioContext | null;
  private readonly analyser: AnalyserNode | null;
  private readonly buf: Float32Array<ArrayBuffer>;

  constructor(stream: MediaStream) {
    const Ctx = globalThis.AudioContext as typeof AudioContext | undefined;
    this.ctx = Ctx ? new Ctx() : null;
    this.analyser = this.ctx?.createAnalyser() ?? null;
    this.buf = new Float32Array(new ArrayBuffer(4 * 1024));
    if (this.ctx && this.analyser) {
      this.analyser.fftSize = 1024;
      this.ctx.createMediaStreamSource(stream).connect(this.analyser);
    }
  }

  level(): number {
    if (!this.analyser) return 0;
    this.analyser.getFloatTimeDomainData(this.buf);
    let sum = 0;
    for (const v of this.buf) sum += v * v;
    // speech RMS sits around 0.01–0.2: a square root spreads it over the meter
    return Math.min(1, Math.sqrt(Math.sqrt(sum / this.buf.length)));
  }

  close(): void {
    void this.ctx?.close().catch(() => undefined);
  }
}

/** The last audio level (0..1) the browser measured on a received audio track. */
export function remoteLevel(receiver: RTCRtpReceiver): number {
  const sources = receiver.getSynchronizationSources?.() ?? [];
  let level = 0;
  for (const s of sources) if (typeof s.audioLevel === 'number') level = Math.max(level, s.audioLevel);
  return level;
}
