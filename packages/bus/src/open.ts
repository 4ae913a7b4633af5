/** Picks the bus backend from configuration: JetStream when a NATS URL is given, in-process otherwise. */
import { JetStreamBus, type JetStreamBusOptions } from './jetstream.ts';
import { MemoryBus, type MemoryBusOptions } from './memory.ts';
import type { EventBus } from './types.ts';

export interface OpenBusOptions extends Omit<JetStreamBusOptions, 'url'>, Omit<MemoryBusOptions, 'logger'> {
  /** NATS_URL; unset → the in-process MemoryBus (single process only) */
  natsUrl?: string;
}

export async function openBus(opts: OpenBusOptions = {}): Promise<EventBus> {
  const { natsUrl, retain, dedupeWindowMs, ...js } = opts;
  if (!natsUrl) return new MemoryBus({ retain, dedupeWindowMs, logger: js.logger });
  return JetStreamBus.connect({
    ...js,
    url: natsUrl,
    duplicateWindowMs: js.duplicateWindowMs ?? dedupeWindowMs,
  });
}
