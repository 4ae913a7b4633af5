/** /servers/:sid/messages/search */
import { Type } from '@fastify/type-provider-typebox';
import { Message } from '@twopointo/shared';
import { errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import { ServerParams } from '../servers/server.schema.ts';
import { SEARCH_COUNT_CAP, SearchQuery } from './search.schema.ts';
import type { SearchService } from './search.service.ts';

export function registerSearchRoutes(app: OfficialApp, search: SearchService): void {
  app.get(
    '/servers/:sid/messages/search',
    {
      schema: {
        tags: ['messages'],
        operationId: 'searchMessages',
        summary: "Search a server's messages",
        description:
          'Newest first; full text over content (`q`, PostgreSQL web search syntax, no stemming) and filters, ' +
          'only in channels where the caller has VIEW_CHANNEL and READ_MESSAGE_HISTORY. `q` or a filter is required. ' +
          '`total`: every match, not only this page, counted up to 1,000; `total_capped` is true when there are more.',
        params: ServerParams,
        querystring: SearchQuery,
        response: {
          200: Type.Object({
            messages: Type.Array(Message),
            total: Type.Integer({ minimum: 0, maximum: SEARCH_COUNT_CAP }),
            total_capped: Type.Boolean(),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => search.search(actorOf(req), req.params.sid, req.query),
  );
}
