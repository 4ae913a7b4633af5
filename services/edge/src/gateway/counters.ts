/** Cumulative gateway counts since start, read by /metrics. Plain fields: an increment is the whole cost. */
export class GatewayCounters {
  /** durable event frames written to sockets (live, flushed after a hold, or replayed) */
  deliveries = 0;
  /** RESUMEs that replayed and answered RESUMED */
  resumesOk = 0;
  /** RESUMEs answered INVALID_SESSION (unknown, another user's, or older than the stream keeps) */
  resumesInvalid = 0;
  /** sockets closed 4010 for not reading fast enough */
  slowConsumerCloses = 0;
}
