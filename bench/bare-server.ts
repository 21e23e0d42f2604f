// The reference for the throughput benchmark: a bare node:http server answering the same JSON
// bodies (same bytes) as the proxy's status routes, with the same ETag/304 behaviour and nothing
// else (no routing framework, no store, no security headers).
// `node bench/bare-server.ts <port> <bodies.json>`; bodies.json: { "status": {"body","etag"}, "batch": {"body","etag"} }
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const [portText, bodiesFile] = process.argv.slice(2);
if (!portText || !bodiesFile) {
  console.error('usage: node bench/bare-server.ts <port> <bodies.json>');
  process.exit(64);
}
const bodies = JSON.parse(readFileSync(bodiesFile, 'utf8')) as Record<string, { body: string; etag: string }>;

const server = createServer((request, response) => {
  const url = request.url ?? '/';
  const answer = url.startsWith('/v1/status')
    ? bodies.batch
    : url.startsWith('/v1/links/')
      ? bodies.status
      : undefined;
  if (!answer) {
    response.writeHead(404).end();
    return;
  }
  if (request.headers['if-none-match'] === answer.etag) {
    response.writeHead(304, { etag: answer.etag, 'cache-control': 'no-cache' }).end();
    return;
  }
  response
    .writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(answer.body),
      etag: answer.etag,
      'cache-control': 'no-cache',
    })
    .end(answer.body);
});
server.keepAliveTimeout = 5000;
server.listen(Number(portText), '127.0.0.1');
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => server.close(() => process.exit(0)));
