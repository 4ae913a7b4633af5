/** GET /images/:aid/:size — public images (avatars, server icons) without a token, like a CDN. */
import { Type } from '@fastify/type-provider-typebox';
import type { Database } from '@twopointo/db';
import type { ObjectStorage } from '@twopointo/storage';
import { errors, IdInput } from '../http/schema.ts';
import type { OfficialApp } from '../http/types.ts';
import { ImageRepository } from './image.repository.ts';
import { ImageService, VARIANT_TYPE } from './image.service.ts';
import { IMAGE_SIZES } from './public-image.ts';

const ImageParams = Type.Object({
  aid: IdInput,
  size: Type.Integer({ description: `one of ${IMAGE_SIZES.join(', ')} (px, square)` }),
});

export function registerImages(app: OfficialApp, deps: { database: Database; storage: ObjectStorage }): ImageService {
  const images = new ImageService(new ImageRepository(deps.database.db), deps.storage);
  app.get(
    '/images/:aid/:size',
    {
      config: { anonymous: true },
      schema: {
        tags: ['images'],
        operationId: 'getImage',
        summary: 'A public image (avatar, server icon) resized to a square WebP',
        description:
          'No token needed: only assets made public (as an avatar or icon) are served. The answer never changes for an id, so it is cached for a year.',
        security: [],
        params: ImageParams,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'image/webp' }),
          ...errors(400, 404, 415),
        },
      },
    },
    async (req, reply) => {
      const bytes = await images.variant(req.params.aid, req.params.size);
      return reply
        .header('content-type', VARIANT_TYPE)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );
  return images;
}
