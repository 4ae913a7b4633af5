/** TypeBox schemas of the asset routes. */
import { Type } from '@fastify/type-provider-typebox';
import { IdInput } from '../http/schema.ts';
import type { AssetConfig } from './asset.config.ts';

/** Largest image side accepted, in pixels (WebP's own limit; PNG and JPEG rarely go past it). */
export const MAX_IMAGE_SIDE = 16383;

/**
 * The upload declaration, with the configured limits in the document. The service checks the
 * content type (trimmed, case-insensitively; 400 `unsupported_content_type`) and the size (413),
 * so those two answer their own codes: `enum` on a TypeBox string only documents (the validator
 * checks `enum` on literal unions, not on strings), and the size bound is written, not enforced.
 */
export const createAssetBody = (config: Pick<AssetConfig, 'ASSET_CONTENT_TYPES' | 'ASSET_MAX_BYTES'>) =>
  Type.Object({
    filename: Type.String({
      minLength: 1,
      maxLength: 255,
      description: 'shown to downloaders; no path separators or control characters',
    }),
    content_type: Type.String({
      minLength: 1,
      maxLength: 255,
      enum: config.ASSET_CONTENT_TYPES.map((t) => t.toLowerCase()),
      description: 'one of the configured ASSET_CONTENT_TYPES; the upload must send it as Content-Type',
    }),
    size: Type.Integer({
      minimum: 1,
      description: `exact byte length of the upload; at most ASSET_MAX_BYTES (${config.ASSET_MAX_BYTES} here), else 413`,
    }),
    width: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_IMAGE_SIDE,
        description:
          'images only, with height: the width in pixels as the client read it; complete replaces it with what the stored bytes say',
      }),
    ),
    height: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_IMAGE_SIDE,
        description: 'images only, with width: the height in pixels',
      }),
    ),
  });

export const AssetParams = Type.Object({ aid: IdInput });
