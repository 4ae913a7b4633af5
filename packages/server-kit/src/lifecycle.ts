/** Process lifecycle every service entry point shares: owned resources, signals, exit codes. */
import { exitOnConfigError } from './config.ts';

/**
 * What a start function opened itself (and so must close), closed newest first. A failing close is
 * reported to `onError` (default: ignored) and never stops the rest from closing.
 */
export class ResourceStack {
  private readonly closers: (() => Promise<unknown>)[] = [];

  constructor(private readonly onError: (err: unknown) => void = () => undefined) {}

  /** Registers `close` to run on close(). */
  defer(close: () => Promise<unknown>): void {
    this.closers.push(close);
  }

  /** Registers the resource's own close() and hands the resource back. */
  adopt<T extends { close(): Promise<unknown> }>(resource: T): T {
    this.defer(() => resource.close());
    return resource;
  }

  /** Closes everything registered, in reverse order; a second call finds nothing left. */
  async close(): Promise<void> {
    for (let close = this.closers.pop(); close; close = this.closers.pop()) {
      await close().catch(this.onError);
    }
  }
}

export interface RunUntilSignalOptions {
  /** told once, when the first SIGINT or SIGTERM arrives (later ones are ignored) */
  onSignal?: (signal: NodeJS.Signals) => void;
  /** told when close() fails; the process then exits 1 */
  onCloseError?: (err: unknown) => void;
  /** exit 1 when close() has not finished by then (default 10 s) */
  forceExitMs?: number;
}

/**
 * Starts a service; a ConfigError exits 2 with its message, any other failure is rethrown. Then the
 * first SIGINT or SIGTERM closes it and exits 0 (1 when closing fails or outlasts `forceExitMs`).
 */
export async function runUntilSignal<T extends { close(): Promise<void> }>(
  start: () => Promise<T>,
  options: RunUntilSignalOptions = {},
): Promise<T> {
  let running: T;
  try {
    running = await start();
  } catch (err) {
    exitOnConfigError(err);
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    options.onSignal?.(signal);
    setTimeout(() => process.exit(1), options.forceExitMs ?? 10_000).unref();
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        options.onCloseError?.(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return running;
}
