/** `make run-official`: Official alone on OFFICIAL_PORT. */
import { runUntilSignal } from '@twopointo/shared/server';
import { startOfficial } from './index.ts';

await runUntilSignal(() => startOfficial());
