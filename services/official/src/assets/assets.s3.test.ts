import { describeAssetFlow } from './asset-flow.suite.ts';

describeAssetFlow('s3');
