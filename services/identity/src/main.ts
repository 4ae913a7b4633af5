/** `make run-identity`: Identity alone on IDENTITY_PORT. A bad variable exits 2 naming it. */
import { exitOnConfigError } from '@twopointo/shared/server';
import { openStorage, readStorageConfig } from '@twopointo/storage';
import { startIdentity } from './index.ts';

try {
  // deleting an account also removes its stored objects (local disk or S3, as Official stores them)
  const storage = openStorage(readStorageConfig());
  const identity = await startIdentity({ storage });
  const stop = () => {
    identity.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  exitOnConfigError(err);
}
