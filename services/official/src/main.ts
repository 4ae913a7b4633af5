/** `make run-official`: Official alone on OFFICIAL_PORT. */
import { exitOnConfigError } from '@twopointo/shared/server';
import { startOfficial } from './index.ts';

try {
  const official = await startOfficial();
  const stop = () => {
    official.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  exitOnConfigError(err);
}
