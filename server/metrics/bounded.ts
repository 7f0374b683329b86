/** How long a scrape waits for a store before it answers without that store's numbers. */
const SCRAPE_WAIT_MS = 1_000;

/**
 * The value of `read`, or undefined when it fails or takes longer than a second: with Redis or the
 * database gone, `/metrics` still answers (without those series' new values) well within
 * Prometheus's scrape timeout, and `up` stays 1 while the other series tell what broke.
 */
export async function bounded<T>(read: () => Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), SCRAPE_WAIT_MS);
  });
  try {
    return await Promise.race([read().catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
