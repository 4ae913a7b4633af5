/** /assets, /assets/:aid/complete, /assets/:aid — and the sweep's timer, tied to the app's life. */
import { Type } from '@fastify/type-provider-typebox';
import type { Database } from '@twopointo/db';
import { Asset, AssetLimits, AssetUpload } from '@twopointo/shared';
import { openStorage, readStorageConfig, type ObjectStorage } from '@twopointo/storage';
import { errors } from '../http/schema.ts';
import { actorOf } from '../http/trust.ts';
import type { OfficialApp } from '../http/types.ts';
import { readAssetConfig, type AssetConfig } from './asset.config.ts';
import { AssetRepository } from './asset.repository.ts';
import { AssetParams, createAssetBody } from './asset.schema.ts';
import { AssetService } from './asset.service.ts';

/** What the asset module takes from the Official app (its OfficialContext fits). */
export interface AssetDeps {
  database: Database;
  /** unset → opened from the S3_* / DATA_DIR config, local URLs signed with a key derived from INTERNAL_SECRET */
  storage?: ObjectStorage;
  config: { INTERNAL_SECRET: string };
  /** defaults to readAssetConfig() */
  assetConfig?: AssetConfig;
}

/**
 * The asset service and its sweep, tied to the app's life. The routes are registered apart
 * (registerAssetRoutes), on each server that mounts Official's routes; the service is returned so
 * the message delete path can call `deleteUnreferencedAssets`.
 */
export function createAssets(
  app: OfficialApp,
  deps: AssetDeps,
): { assets: AssetService; config: AssetConfig } {
  const config = deps.assetConfig ?? readAssetConfig();
  const storage =
    deps.storage ?? openStorage(readStorageConfig({ INTERNAL_SECRET: deps.config.INTERNAL_SECRET }));
  const assets = new AssetService(new AssetRepository(deps.database.db), storage, config, app.log);
  installAssetSweep(app, assets, config.ASSET_SWEEP_INTERVAL_SECONDS);
  return { assets, config };
}

export function registerAssetRoutes(app: OfficialApp, assets: AssetService, config: AssetConfig): void {
  const tags = ['assets'];
  const limits = { content_types: config.ASSET_CONTENT_TYPES, max_bytes: config.ASSET_MAX_BYTES };
  app.get(
    '/assets/limits',
    {
      schema: {
        tags,
        operationId: 'assetLimits',
        summary: 'What may be uploaded: the accepted content types and the largest size',
        description: 'Lets a client refuse a file in words before uploading it.',
        response: { 200: AssetLimits, ...errors(401) },
      },
    },
    async () => limits,
  );
  app.post(
    '/assets',
    {
      schema: {
        tags,
        operationId: 'createAsset',
        summary: 'Declare an upload and get where to PUT its bytes',
        description:
          'Declares an upload; the client then PUTs the bytes to `upload.url` with `upload.headers`, and calls complete.',
        body: createAssetBody(config),
        response: { 201: AssetUpload, ...errors(400, 401, 413) },
      },
    },
    async (req, reply) => reply.status(201).send(await assets.create(actorOf(req), req.body)),
  );
  app.post(
    '/assets/:aid/complete',
    {
      schema: {
        tags,
        operationId: 'completeAsset',
        summary: 'Mark an uploaded asset ready to attach',
        params: AssetParams,
        response: { 200: Asset, ...errors(400, 401, 404, 409) },
      },
    },
    async (req) => assets.complete(actorOf(req), req.params.aid),
  );
  app.get(
    '/assets/:aid',
    {
      schema: {
        tags,
        operationId: 'downloadAsset',
        summary: "Redirect to an asset's download URL",
        description: 'Redirects to a short-lived download URL.',
        params: AssetParams,
        response: { 302: Type.Null({ description: 'Location: the download URL' }), ...errors(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const url = await assets.downloadUrl(actorOf(req), req.params.aid);
      // the target expires: never let a cache replay this redirect
      return reply.header('cache-control', 'no-store').redirect(url, 302);
    },
  );
}

/** Runs the sweep every intervalSeconds while the app is up (0 = never). */
export function installAssetSweep(app: OfficialApp, assets: AssetService, intervalSeconds: number): void {
  if (intervalSeconds <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      running = assets.sweep().catch((err: unknown) => app.log.warn({ err }, 'asset sweep failed'));
    }, intervalSeconds * 1000);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
