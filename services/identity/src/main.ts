/** `make run-identity`: Identity alone on IDENTITY_PORT. A bad variable exits 2 naming it. */
import { runUntilSignal } from '@twopointo/server-kit';
import { openStorage, readStorageConfig } from '@twopointo/storage';
import { startIdentity } from './index.ts';

// deleting an account also removes its stored objects (local disk or S3, as Official stores them)
await runUntilSignal(() => startIdentity({ storage: openStorage(readStorageConfig()) }));
