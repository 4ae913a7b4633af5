/** The access check of every signed-in call: the account behind a valid token. */
import type { UserRow } from '@twopointo/db';
import { unauthorized } from '@twopointo/shared';
import type { TokenSubject } from '../keys/token.service.ts';
import type { UserRepository } from './user.repository.ts';

/** Gone accounts make their still unexpired tokens worthless. */
export async function requireUser(users: UserRepository, subject: TokenSubject): Promise<UserRow> {
  const user = await users.findById(subject.id);
  if (!user) throw unauthorized('Account no longer exists', 'user_not_found');
  return user;
}
