// An event sink on a real Node server writes valid HTTP/1.1 chunked framing, in order, whether a
// write goes straight to the socket (the fan-out's fast path) or through the response (when the
// response has bytes of its own queued). Checked on the wire (raw socket, strict chunk parser) and
// with a real client (fetch).

import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventSink } from './event-sink.ts';

const bytes = (text: string) => Buffer.from(text);
const STATUS = bytes('event: status\ndata: {"status":"paid","note":"ü"}\nid: 2\n\n');
const HEARTBEAT = bytes(': heartbeat\n\n');

/** The whole body of one request, as the chunks it was framed in (the parser rejects bad framing). */
async function rawChunks(port: number, path: string): Promise<string[]> {
  const wire = await new Promise<Buffer>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const parts: Buffer[] = [];
    socket.on('data', (part) => {
      parts.push(part);
      if (Buffer.concat(parts).includes('\r\n0\r\n\r\n')) {
        socket.end();
        resolve(Buffer.concat(parts));
      }
    });
    socket.on('error', reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: test\r\n\r\n`);
  });
  const headEnd = wire.indexOf('\r\n\r\n');
  expect(wire.subarray(0, headEnd).toString('latin1')).toMatch(/\r\ntransfer-encoding: chunked/i);
  const chunks: string[] = [];
  let at = headEnd + 4;
  for (;;) {
    const lineEnd = wire.indexOf('\r\n', at);
    const size = wire.subarray(at, lineEnd).toString('latin1');
    expect(size).toMatch(/^[0-9a-f]+$/);
    const length = Number.parseInt(size, 16);
    const data = wire.subarray(lineEnd + 2, lineEnd + 2 + length);
    expect(data.length).toBe(length);
    expect(wire.subarray(lineEnd + 2 + length, lineEnd + 4 + length).toString('latin1')).toBe('\r\n');
    at = lineEnd + 4 + length;
    if (length === 0) break;
    chunks.push(data.toString());
  }
  expect(at).toBe(wire.length);
  return chunks;
}

describe('event sink on a Node response', () => {
  let server: ServerType;
  let port: number;

  beforeAll(async () => {
    const app = new Hono();
    // The same buffers written several times, as the fan-out writes them to every stream.
    app.get('/fan-out', (c) => {
      const { sink, response } = openEventSink(
        c,
        { 'content-type': 'text/event-stream' },
        bytes(': open\n\n'),
        () => {},
      );
      setImmediate(() => {
        sink.write(STATUS);
        sink.write(HEARTBEAT);
        sink.write(STATUS);
        sink.write(new Uint8Array(0));
        sink.end(HEARTBEAT);
      });
      return response;
    });
    // Bytes of the response's own are queued (corked) when the sink writes: they must come first.
    app.get('/queued', (c) => {
      const outgoing = (c.env as { outgoing: ServerResponse }).outgoing;
      const { sink, response } = openEventSink(
        c,
        { 'content-type': 'text/event-stream' },
        bytes(': open\n\n'),
        () => {},
      );
      setImmediate(() => {
        outgoing.cork();
        outgoing.write(bytes(': queued\n\n'));
        sink.write(STATUS);
        outgoing.uncork();
        sink.end();
      });
      return response;
    });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('frames every write as one valid chunk, the same buffer many times', async () => {
    expect(await rawChunks(port, '/fan-out')).toEqual([
      ': open\n\n',
      STATUS.toString(),
      HEARTBEAT.toString(),
      STATUS.toString(),
      HEARTBEAT.toString(),
    ]);
  });

  it('keeps the order of bytes the response queued before a write', async () => {
    // Node joins what was written while corked into one chunk: the order is what counts here.
    expect((await rawChunks(port, '/queued')).join('')).toBe(`: open\n\n: queued\n\n${STATUS}`);
  });

  it('reads back as the same text through a real HTTP client', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/fan-out`);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(await response.text()).toBe(`: open\n\n${STATUS}${HEARTBEAT}${STATUS}${HEARTBEAT}`);
  });
});
