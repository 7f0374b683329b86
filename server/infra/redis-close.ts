import type { Redis } from 'ioredis';

/**
 * Closes a Redis connection after the commands already sent are answered. `disconnect()` alone fails
 * them with "Connection is closed", and at shutdown nobody awaits some of them (counters, caches), so
 * that would be an unhandled rejection. With Redis unreachable, `quit()` would wait for a reconnect:
 * it gets `waitMs`, then the connection is cut.
 */
export async function closeRedis(client: Redis, waitMs = 1_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
  });
  await Promise.race([
    client.quit().then(
      () => undefined,
      () => undefined,
    ),
    gaveUp,
  ]);
  clearTimeout(timer);
  client.disconnect();
}
