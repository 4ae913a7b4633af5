/** Public profiles: visible to the user and to whoever shares a server with them, unknown to anyone else. */
import { notFound, type PublicUser } from '@twopointo/shared';
import type { Actor } from '../http/trust.ts';
import type { UserProfileRepository } from './user.repository.ts';

export class UserProfileService {
  constructor(private readonly repo: UserProfileRepository) {}

  async profile(actor: Actor, userId: string): Promise<PublicUser> {
    const row = await this.repo.findVisible(actor.id, userId);
    if (!row) throw notFound('user');
    return row;
  }
}
