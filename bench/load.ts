// One measurement = a short warm-up (JIT, connection pools, caches) then a fixed-length autocannon run.
// autocannon fires from a worker thread, so an in-process target (the hello-world) keeps its own event loop.
import autocannon, { type Result } from 'autocannon';

export const CONNECTIONS = 50;
export const WARMUP_SECONDS = 2;
export const DURATION_SECONDS = 10;

export interface LoadResult {
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
  /** Socket errors + timeouts: requests that got no HTTP answer at all. */
  errors: number;
  totalRequests: number;
  statusCodes: Record<string, number>;
  /** Highest RSS (MB) of the target process seen during the measured run, when a sampler was given. */
  peakRssMb: number | null;
}

async function fire(url: string, headers: Record<string, string>, seconds: number): Promise<Result> {
  const run = autocannon({ url, headers, connections: CONNECTIONS, duration: seconds, workers: 1, timeout: 10 });
  // Bounded even if a target hangs: autocannon's own duration plus a generous margin.
  const guard = setTimeout(() => run.stop(), (seconds + 30) * 1000);
  try {
    return await run;
  } finally {
    clearTimeout(guard);
  }
}

export async function measure(
  url: string,
  options: { headers?: Record<string, string>; sampleRssMb?: () => number | null } = {},
): Promise<LoadResult> {
  const headers = options.headers ?? {};
  await fire(url, headers, WARMUP_SECONDS);
  let peakRssMb: number | null = null;
  const sampler = options.sampleRssMb
    ? setInterval(() => {
        const rss = options.sampleRssMb?.() ?? null;
        if (rss !== null) peakRssMb = Math.max(peakRssMb ?? 0, rss);
      }, 200)
    : null;
  try {
    const result = await fire(url, headers, DURATION_SECONDS);
    return {
      requestsPerSecond: result.requests.average,
      p99Ms: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      totalRequests: result.requests.total,
      statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
      peakRssMb,
    };
  } finally {
    if (sampler) clearInterval(sampler);
  }
}
