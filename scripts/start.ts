// `npm start`: the proxy, one emulator per provider and the demo shop, with no account and no
// credentials. Ports: PAYLINK_PORT (8787), PAYLINK_DEMO_PORT (5173); data in PAYLINK_DATA_DIR (./data).
import { resolve } from 'node:path';
import { startDemo } from '../demo/server.ts';
import { DEFAULT_PORTS, startStack } from './stack.ts';

const dataDir = resolve(process.env.PAYLINK_DATA_DIR || 'data');
const quiet = { info() {}, warn: console.warn.bind(console), error: console.error.bind(console) };
const stack = await startStack({
  dataDir,
  ports: {
    proxy: Number(process.env.PAYLINK_PORT || DEFAULT_PORTS.proxy),
  },
  devApiKey: process.env.PAYLINK_DEV_API_KEY || undefined,
  log: process.env.PAYLINK_LOG === 'json' ? undefined : quiet,
});
const demoPort = Number(process.env.PAYLINK_DEMO_PORT || DEFAULT_PORTS.demo);
// The shop registers its webhook endpoint at the proxy before it answers its first request.
const demo = await startDemo({
  proxyUrl: stack.proxyUrl,
  apiKey: stack.apiKey,
  dataDir,
  providers: Object.keys(stack.emulators),
  port: demoPort,
  hostname: '127.0.0.1',
});

const rows = [
  ['Demo shop', `http://localhost:${demo.port}`],
  ['Proxy', stack.proxyUrl],
  ...Object.entries(stack.emulators)
    .sort(([, a], [, b]) => a.url.localeCompare(b.url))
    .map(([name, { url }]) => [`${name} emulator`, url]),
];
console.log(`
PayLink is running (data in ${dataDir})

${rows.map(([name, url]) => `  ${name!.padEnd(22)} ${url}`).join('\n')}

  Development API key    ${stack.apiKey}

Try:  curl -X POST ${stack.proxyUrl}/v1/links -H 'Authorization: Bearer ${stack.apiKey}' \\
        -H 'Content-Type: application/json' -H "Idempotency-Key: $(node -p 'crypto.randomUUID()')" \\
        -d '{"provider":"placetopay","amount":{"value":"100000.00","currency":"COP"},"description":"Invoice #1042","usageLimit":1}'

Press Ctrl+C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    await demo.close();
    await stack.close();
    process.exit(0);
  });
}
