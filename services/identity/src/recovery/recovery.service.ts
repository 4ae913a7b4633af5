/** Recovery codes: the user confirms having stored them, after which they are never shown again. */
import type { TokenSubject } from '../keys/token.service.ts';
import { requireUser } from '../users/require-user.ts';
import type { UserRepository } from '../users/user.repository.ts';

export class RecoveryService {
  constructor(private readonly users: UserRepository) {}

  /** After this, logins go straight to TOTP entry and codes are never shown again. */
  async confirm(subject: TokenSubject): Promise<void> {
    const user = await requireUser(this.users, subject);
    await this.users.confirmRecovery(user.id);
  }
}
