/** Spending a second factor for a sensitive account action: a TOTP step, or an unused recovery code. */
import type { DB, Kysely, UserRow } from '@twopointo/db';
import type { RecoveryCodeRepository } from '../recovery/recovery-code.repository.ts';
import { hashRecoveryCode } from '../recovery/recovery-codes.service.ts';
import type { UserRepository } from '../users/user.repository.ts';
import { matchTotp, normalizeCode } from './totp.service.ts';

/**
 * Claims `rawCode` inside `trx`: a 6-digit code as the TOTP step (compare-and-set, so a replay
 * fails), otherwise (when allowed) as a recovery code (spent). false when neither matches.
 */
export async function claimSecondFactor(
  deps: { users: UserRepository; recoveryCodes: RecoveryCodeRepository },
  trx: Kysely<DB>,
  user: Pick<UserRow, 'id' | 'totp_secret'>,
  rawCode: string,
  opts: { allowRecoveryCode: boolean },
): Promise<boolean> {
  const code = normalizeCode(rawCode);
  if (/^[0-9]{6}$/.test(code)) {
    const step = user.totp_secret ? matchTotp(user.totp_secret, code) : null;
    return step !== null && (await deps.users.claimTotpStep(trx, user.id, step));
  }
  if (!opts.allowRecoveryCode) return false;
  return deps.recoveryCodes.consume(trx, user.id, hashRecoveryCode(rawCode));
}
