/**
 * The proxy's fixed limits and intervals, named in one place. What an operator may want to change
 * is a setting instead (README, "Configuration"); these are the engineering constants behind them.
 */
export const TUNABLES = {
  /** A cached link is served without reading the database for at most this long. */
  linkCacheTtlMs: 1000,
  /**
   * Links kept in that cache (the oldest goes first). An entry serves for 1 s at most, so this is
   * the distinct links polled per second it covers; each costs about 2 KiB (100,000 stored links
   * looked up at random held 50,000 of them, about 100 MiB, at the former 50,000).
   */
  linkCacheMaxLinks: 10_000,
  /** Links whose serialised status answer is kept (the oldest goes first). */
  statusAnswersMaxLinks: 10_000,
  /** How often waiting long polls are checked for their deadline (one timer for all of them). */
  longPollSweepMs: 250,
  /** A status poll that finds a polled provider's link due waits this long for its read. */
  freshReadWaitMs: 1500,
  /** How often watched links are checked for expiry and a due provider read. */
  watchTickMs: 500,
  /** Per-link bookkeeping (last read, failures) is kept for at most this many links. */
  maxTrackedLinks: 100_000,
  /** Most links the reconciler claims per provider per tick, whatever the budget. */
  reconcileBatch: 100,
  /**
   * The share of each pass's reads for the youngest due links; the rest go to the longest overdue,
   * so old links are still read (less often) when the budget cannot keep every link on schedule.
   */
  reconcileYoungShare: 0.7,
  /** A claimed link stays leased to its instance this long if it never reports back. */
  reconcileLeaseMs: 60_000,
  /** How long a notification's read waits for the provider's budget before deferring. */
  budgetWaitMs: 5000,
  /** Event deliveries in flight at once, per instance. */
  deliveryConcurrency: 16,
  /** Retries of a delivery are never further apart than this. */
  deliveryMaxRetryDelayMs: 6 * 3_600_000,
  /** A failing endpoint is logged once per this many failures in a row. */
  deliveryFailingReportEvery: 5,
  /** How often the retention pass runs. */
  retentionEveryMs: 3_600_000,
  /** The PostgreSQL listener reconnects after this, doubling up to the maximum. */
  listenReconnectMinMs: 100,
  listenReconnectMaxMs: 30_000,
  /** Request bodies are refused (413) over this size. */
  maxBodyBytes: 64 * 1024,
  /** `POST /v1/checkout`: a burst per client, then this many per minute. */
  checkoutBurst: 10,
  checkoutPerMinute: 10,
  /** An event stream sends a comment this often, so proxies and browsers keep it open. */
  sseHeartbeatMs: 15_000,
  /** Event streams, and long polls, one client may hold at once (loopback clients are not counted). */
  streamsPerClient: 20,
  longPollsPerClient: 20,
} as const;
