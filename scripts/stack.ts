// Starts the whole PayLink stack in this process: one emulator per provider, the proxy wired to
// them, and (optionally) the demo merchant site. Used by `npm start` and the end-to-end tests.
import { mkdirSync } from 'node:fs';
import { type Emulator, emulatorFactories, listenDeferred, type RunningServer } from '@paylink/emulators';
import {
  createProxy,
  jsonLogger,
  type Logger,
  loadConfig,
  type PayLinkProxy,
  providerEnv,
} from '@paylink/proxy';

/** Default ports (DESIGN.md): proxy 8787, emulators 8791–8794, demo 5173. */
export const DEFAULT_PORTS = {
  proxy: 8787,
  demo: 5173,
  placetopay: 8791,
  plexo: 8792,
  midtrans: 8793,
  payroc: 8794,
} as const;

export interface StackOptions {
  /** 0 picks free ports (tests). */
  ports?: Partial<Record<keyof typeof DEFAULT_PORTS, number>>;
  dataDir: string;
  devApiKey?: string;
  /** Only these providers (default: every emulator). */
  providers?: string[];
  log?: Logger;
  /** Extra proxy environment (e.g. PAYLINK_REFRESH_INTERVAL_MS). */
  env?: Record<string, string>;
}

export interface Stack {
  proxyUrl: string;
  proxy: PayLinkProxy;
  apiKey: string;
  emulators: Record<string, { emulator: Emulator; url: string }>;
  close(): Promise<void>;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const port = (name: keyof typeof DEFAULT_PORTS) => options.ports?.[name] ?? DEFAULT_PORTS[name];
  mkdirSync(options.dataDir, { recursive: true });
  const servers: RunningServer[] = [];
  const proxyServer = await listenDeferred(port('proxy'), '127.0.0.1');
  servers.push(proxyServer);
  const proxyUrl = `http://localhost:${proxyServer.port}`;

  const env: Record<string, string> = {
    PAYLINK_PORT: String(proxyServer.port),
    PAYLINK_PUBLIC_URL: proxyUrl,
    PAYLINK_DATA_DIR: options.dataDir,
    ...(options.devApiKey ? { PAYLINK_DEV_API_KEY: options.devApiKey } : {}),
    ...options.env,
  };
  const emulators: Stack['emulators'] = {};
  const names = options.providers ?? Object.keys(emulatorFactories);
  for (const name of names) {
    const factory = emulatorFactories[name];
    if (!factory) throw new Error(`no emulator for ${name}`);
    const key = name as keyof typeof DEFAULT_PORTS;
    const server = await listenDeferred(port(key) ?? 0, '127.0.0.1');
    servers.push(server);
    const url = `http://localhost:${server.port}`;
    const emulator = factory({ publicUrl: url, notificationUrl: `${proxyUrl}/v1/webhooks/${name}` });
    server.setApp(emulator.app);
    emulators[name] = { emulator, url };
    Object.assign(env, providerEnv(name, emulator.adapterSettings));
  }

  const config = loadConfig({ ...process.env, ...env, NODE_ENV: 'development' });
  const proxy = await createProxy(config, { log: options.log ?? jsonLogger() });
  proxyServer.setApp(proxy.app);
  return {
    proxyUrl,
    proxy,
    apiKey: proxy.devApiKey!,
    emulators,
    close: async () => {
      for (const { emulator } of Object.values(emulators)) emulator.close();
      await Promise.all(servers.map((s) => s.close()));
      await proxy.close();
    },
  };
}
