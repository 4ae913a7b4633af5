import { describeImageFlow } from '../test/image-flow.ts';

describeImageFlow('s3');
