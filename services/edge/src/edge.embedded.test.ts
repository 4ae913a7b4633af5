/** The Edge in front of the real Identity and Official, embedded (PGlite, in-process bus and cache). */
import { realServicesSuite } from './test/real-services.suite.ts';

realServicesSuite('embedded');
