/** Small helpers shared by the presenters. */
export const iso = (d: Date | string): string => (d instanceof Date ? d : new Date(d)).toISOString();
export const isoOrNull = (d: Date | string | null): string | null => (d === null ? null : iso(d));

/**
 * Sends a body already serialised to JSON as it is (Fastify skips its serializer for a string
 * with a JSON content type); for bodies built once and reused, e.g. the cached newest page.
 */
export function sendJson(reply: { type(t: string): { send(body: string): unknown } }, json: string) {
  return reply.type('application/json; charset=utf-8').send(json);
}
