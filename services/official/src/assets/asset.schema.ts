/** TypeBox schemas of the asset routes. */
import { Type } from '@fastify/type-provider-typebox';
import { IdInput } from '../http/schema.ts';

export const CreateAssetBody = Type.Object({
  filename: Type.String({
    minLength: 1,
    maxLength: 255,
    description: 'shown to downloaders; no path separators or control characters',
  }),
  content_type: Type.String({
    minLength: 1,
    maxLength: 255,
    description: 'one of ASSET_CONTENT_TYPES; the upload must send it as Content-Type',
  }),
  size: Type.Integer({ minimum: 1, description: 'exact byte length of the upload; at most ASSET_MAX_BYTES' }),
});

export const AssetParams = Type.Object({ aid: IdInput });
