// The proxy as a separate Node process (`server.ts`), for tests where processes are the point:
// several instances on one database, crashes.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const serverEntry = fileURLToPath(new URL('../server.ts', import.meta.url));

export interface ChildProxy {
  url: string;
  process: ChildProcess;
  /** Everything the process printed (JSON log lines and errors). */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** SIGKILL: a crash, with no chance to finish anything. */
  kill(): Promise<void>;
}

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** Starts `node server.ts` with the given environment and waits until `/healthz` answers. */
export async function startChildProxy(env: Record<string, string>, port?: number): Promise<ChildProxy> {
  const chosen = port ?? (env.PAYLINK_PORT ? Number(env.PAYLINK_PORT) : await freePort());
  const url = `http://127.0.0.1:${chosen}`;
  let output = '';
  // `@paylink/source`: the workspace packages from their sources, as the tests see them, not their built lib/.
  const child = spawn(process.execPath, ['--conditions=@paylink/source', serverEntry], {
    env: {
      PATH: process.env.PATH ?? '',
      PAYLINK_PORT: String(chosen),
      PAYLINK_HOST: '127.0.0.1',
      PAYLINK_PUBLIC_URL: url,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`proxy exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`proxy did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const stop = (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return { url, process: child, output: () => output, stop, kill: () => stop('SIGKILL') };
}
