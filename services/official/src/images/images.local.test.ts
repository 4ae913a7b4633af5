import { describeImageFlow } from '../test/image-flow.ts';

describeImageFlow('local');
