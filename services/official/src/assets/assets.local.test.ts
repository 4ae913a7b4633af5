import { describeAssetFlow } from './asset-flow.suite.ts';

describeAssetFlow('local');
