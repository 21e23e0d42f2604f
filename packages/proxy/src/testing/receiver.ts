// A merchant's event receiver on loopback, for tests: records every delivery as received (raw body
// and headers) and answers what the test tells it to. Verification is left to the test, which uses
// the `standardwebhooks` package as any merchant would.
import { createServer, type IncomingHttpHeaders } from 'node:http';

export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface Receiver {
  url: string;
  received: ReceivedDelivery[];
  /** Decides each answer's status (default 204); may wait to answer slowly. */
  respond: (delivery: ReceivedDelivery, index: number) => number | Promise<number>;
  /** The parsed bodies of everything received. */
  events(): Array<{ id: string; type: string; data: { link: { id: string; status: string } } }>;
  close(): Promise<void>;
}

export async function startReceiver(path = '/webhooks/paylink'): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    received: [],
    respond: () => 204,
    events: () => receiver.received.map((d) => JSON.parse(d.body)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', async () => {
      const delivery = { headers: request.headers, body, at: Date.now() };
      receiver.received.push(delivery);
      const status = await receiver.respond(delivery, receiver.received.length - 1);
      if (!response.destroyed)
        response
          .writeHead(status, status >= 300 && status < 400 ? { location: 'https://example.com/' } : {})
          .end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as { port: number }).port}${path}`;
  const close = receiver.close;
  receiver.close = () => {
    server.closeAllConnections();
    return close();
  };
  return receiver;
}
