/** `make run-official`: Official alone on OFFICIAL_PORT. */
import { runUntilSignal } from '@twopointo/server-kit';
import { startOfficial } from './index.ts';

await runUntilSignal(() => startOfficial());
