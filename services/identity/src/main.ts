/** `make run-identity`: Identity alone on IDENTITY_PORT. */
import { exitOnConfigError } from '@twopointo/shared/server';
import { startIdentity } from './index.ts';

try {
  const identity = await startIdentity();
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
