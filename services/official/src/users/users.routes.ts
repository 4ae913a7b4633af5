/** /users/:uid — a user's public profile (the profile card). */
import { Type } from '@fastify/type-provider-typebox';
import { PublicUser } from '@twopointo/shared';
import { IdInput, errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import type { UserProfileService } from './user.service.ts';

export function registerUserProfileRoutes(app: OfficialApp, profiles: UserProfileService): void {
  app.get(
    '/users/:uid',
    {
      schema: {
        tags: ['users'],
        operationId: 'getUser',
        summary: "A user's public profile",
        description:
          'The caller themselves, or a user sharing a server with the caller; anyone else is 404 unknown_user.',
        params: Type.Object({ uid: IdInput }),
        response: { 200: PublicUser, ...errors(400, 401, 404) },
      },
    },
    async (req) => profiles.profile(actorOf(req), req.params.uid),
  );
}
