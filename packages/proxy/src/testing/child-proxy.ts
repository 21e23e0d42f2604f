// Test helper: the real proxy entry (`server.ts`) run as a separate Node process, so a test can kill
// it for real (SIGKILL: no shutdown hook, no flush) and start it again on the same data folder.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const SERVER_ENTRY = fileURLToPath(new URL('../server.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** A free TCP port on loopback (asked of the system, then released for the child to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ChildProxy {
  readonly url: string;
  readonly pid: number;
  /** Everything the child wrote (JSON log lines, errors), for failure messages. */
  output(): string;
  /** Kills the process with SIGKILL and waits until it is gone. */
  kill(): Promise<void>;
  /** Whether the process has exited. */
  readonly exited: boolean;
}

/**
 * Starts `node packages/proxy/src/server.ts` with `env` (added to a minimal environment) and waits
 * until `GET /readyz` answers 200. Uses the test runner's own Node binary (Node 22: type stripping).
 */
export async function startChildProxy(env: Record<string, string>, options: { readyTimeoutMs?: number } = {}): Promise<ChildProxy> {
  const port = env.PAYLINK_PORT;
  if (!port) throw new Error('startChildProxy needs PAYLINK_PORT');
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: REPO_ROOT,
    // A clean environment: nothing from the runner (NODE_OPTIONS, VITEST…) leaks into the proxy.
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );

  const deadline = Date.now() + (options.readyTimeoutMs ?? 15_000);
  for (;;) {
    if (exited) throw new Error(`the proxy exited before it was ready (code ${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the proxy was not ready within ${options.readyTimeoutMs ?? 15_000} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    url,
    pid: child.pid!,
    output: () => output,
    get exited() {
      return exited;
    },
    kill: async () => {
      if (!exited) child.kill('SIGKILL');
      await gone;
    },
  };
}
