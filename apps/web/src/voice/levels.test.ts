import { afterEach, describe, expect, it, vi } from 'vitest';
import { LevelMeter, RemoteLevels } from './levels.ts';

/** A receiver whose stats report the energy decoded so far; `packet` is the last packet's level. */
function receiver(opts: { stats?: boolean; fails?: boolean } = {}) {
  const state = { energy: 0, seconds: 0, packet: 0 };
  const r = {
    getSynchronizationSources: () => [{ audioLevel: state.packet, source: 1, timestamp: 0, rtpTimestamp: 0 }],
    ...(opts.stats === false
      ? {}
      : {
          getStats: async () => {
            if (opts.fails) throw new Error('closed');
            return new Map<string, Record<string, unknown>>([
              ['t', { type: 'transport' }],
              [
                'in',
                {
                  type: 'inbound-rtp',
                  kind: 'audio',
                  totalAudioEnergy: state.energy,
                  totalSamplesDuration: state.seconds,
                },
              ],
            ]);
          },
        }),
  } as unknown as RTCRtpReceiver;
  /** `seconds` of audio at `level`, ending with a packet at `last` */
  const play = (seconds: number, level: number, last = 0) => {
    state.energy += level * level * seconds;
    state.seconds += seconds;
    state.packet = last;
  };
  return { r, play };
}

describe('RemoteLevels', () => {
  it('a beep shorter than the read interval counts, although the last packet was silent', async () => {
    const levels = new RemoteLevels();
    const { r, play } = receiver();
    await levels.read([r]);
    // 200 ms: 20 ms of a loud tone, then silence up to the read
    play(0.02, 0.5);
    play(0.18, 0, 0);
    const level = (await levels.read([r])).get(r)!;
    expect(level).toBeCloseTo(Math.sqrt((0.25 * 0.02) / 0.2), 5);
    expect(level).toBeGreaterThan(0.1);
    // nothing but silence since
    play(0.2, 0, 0);
    expect((await levels.read([r])).get(r)).toBe(0);
  });

  it("the first read, a receiver without energy stats, and one whose stats fail give the last packet's level", async () => {
    const levels = new RemoteLevels();
    const a = receiver();
    a.play(1, 0.4, 0.3);
    const b = receiver({ stats: false });
    b.play(1, 0.4, 0.2);
    const c = receiver({ fails: true });
    c.play(1, 0.4, 0.1);
    const got = await levels.read([a.r, b.r, c.r]);
    expect([got.get(a.r), got.get(b.r), got.get(c.r)]).toEqual([0.3, 0.2, 0.1]);
  });

  it('forgets receivers that are gone: one coming back starts over', async () => {
    const levels = new RemoteLevels();
    const { r, play } = receiver();
    play(1, 0.5, 0);
    await levels.read([r]);
    await levels.read([]);
    play(1, 0, 0);
    // without a previous reading of it, only the last packet's level (silent) is known
    expect((await levels.read([r])).get(r)).toBe(0);
  });
});

describe('LevelMeter', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("gives the microphone's RMS (the received levels' scale) and the meter's square root of it", () => {
    let window = 0;
    class FakeAudioContext {
      createAnalyser() {
        return {
          fftSize: 0,
          getFloatTimeDomainData(buf: Float32Array) {
            window = buf.length;
            // a square wave of amplitude 0.1: RMS 0.1
            for (let i = 0; i < buf.length; i++) buf[i] = i % 2 ? 0.1 : -0.1;
          },
        };
      }
      createMediaStreamSource() {
        return { connect: () => undefined };
      }
      close() {
        return Promise.resolve();
      }
    }
    vi.stubGlobal('AudioContext', FakeAudioContext);
    const meter = new LevelMeter({} as MediaStream);
    expect(meter.rms()).toBeCloseTo(0.1, 6);
    expect(meter.level()).toBeCloseTo(Math.sqrt(0.1), 6);
    expect(window).toBe(8192); // ~170 ms at 48 kHz: most of the time between two reads
    meter.close();
  });
});
