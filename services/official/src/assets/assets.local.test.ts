import { describeAssetFlow } from '../test/asset-flow.ts';

describeAssetFlow('local');
