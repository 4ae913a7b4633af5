/** Routes only the Edge calls (internal secret, no x-user-id). */
import { Type } from '@fastify/type-provider-typebox';
import { Id } from '@twopointo/shared';
import { IdInput, errors } from '../http/schema.ts';
import type { OfficialApp } from '../http/types.ts';
import type { GatewayAccessService } from './gateway-access.service.ts';

export function registerInternalRoutes(app: OfficialApp, gateway: GatewayAccessService): void {
  app.post(
    '/internal/gateway/access',
    {
      schema: {
        tags: ['internal'],
        hide: true,
        description: 'Of the requested channels (all when omitted) those the user may VIEW_CHANNEL',
        body: Type.Object({
          user_id: IdInput,
          server_id: IdInput,
          channel_ids: Type.Optional(Type.Array(IdInput, { maxItems: 1000 })),
        }),
        response: {
          200: Type.Object({ member: Type.Boolean(), channel_ids: Type.Array(Id) }),
          ...errors(400, 401),
        },
      },
    },
    async (req) => gateway.check(req.body.user_id, req.body.server_id, req.body.channel_ids),
  );
}
