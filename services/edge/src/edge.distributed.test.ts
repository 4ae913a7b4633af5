/** The Edge in front of the real Identity and Official on the real PostgreSQL + JetStream + Redis. */
import { realServicesSuite } from './test/real-services.suite.ts';

realServicesSuite('distributed');
