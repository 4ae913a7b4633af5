/** Test helper: a POST whose body goes out chunked (no Content-Length), one write per chunk. */
import { request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export function sendChunked(
  url: string,
  chunks: (Buffer | string)[],
  opts: { headers?: Record<string, string>; gapMs?: number } = {},
): Promise<{ status: number; body: string }> {
  const { port, pathname, search } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: pathname + search,
        method: 'POST',
        // no keep-alive: a test server's close is not held up by an idle socket
        agent: false,
        headers: {
          'content-type': 'application/octet-stream',
          ...opts.headers,
          'transfer-encoding': 'chunked',
        },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    void (async () => {
      for (const chunk of chunks) {
        req.write(chunk);
        if (opts.gapMs) await sleep(opts.gapMs);
      }
      req.end();
    })();
  });
}
