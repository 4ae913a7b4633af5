import { describeAssetFlow } from '../test/asset-flow.ts';

describeAssetFlow('s3');
