import type { Hono } from 'hono';
import type { EmulatorControl } from './control.ts';

/** Options every emulator takes. */
export interface EmulatorOptions {
  /** The emulator's own public base URL (for checkout URLs it hands out), e.g. `http://localhost:8791`. */
  publicUrl: string;
  /**
   * Where notifications go when the provider takes the URL from its dashboard rather than from
   * each link (Midtrans, Plexo's account default).
   */
  notificationUrl?: string;
  /** Clock, for tests that move time. */
  now?: () => Date;
}

/** A running-ready emulator: a fetch handler plus what an adapter needs to talk to it. */
export interface Emulator {
  readonly name: string;
  readonly app: Hono;
  readonly control: EmulatorControl;
  /** Settings for the PayLink adapter (`baseUrl` and credentials), as `PAYLINK_<PROVIDER>_*` would give. */
  readonly adapterSettings: Record<string, string>;
  /** Stops timers (e.g. expiry sweeps). */
  close(): void;
}
