import { expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { metricsAccess } from '../../server/metrics/metrics-access';

const TOKEN = 'a-metrics-token-of-enough-length';

it('lets loopback clients in, with or without a token configured', () => {
  for (const ip of ['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1']) {
    expect(metricsAccess(ip, undefined, undefined), ip).toBe('allowed');
    expect(metricsAccess(ip, undefined, TOKEN), ip).toBe('allowed');
  }
});

it('refuses every other address when no token is configured, whatever it sends', () => {
  for (const ip of ['10.0.0.5', '203.0.113.7', '::ffff:10.0.0.5', '2001:db8::1', '']) {
    expect(metricsAccess(ip, undefined, undefined), ip).toBe('forbidden');
    expect(metricsAccess(ip, `Bearer ${TOKEN}`, undefined), ip).toBe('forbidden');
  }
});

it('asks a remote client for the bearer token, refuses a wrong one and takes the right one', () => {
  expect(metricsAccess('203.0.113.7', undefined, TOKEN)).toBe('unauthorized');
  expect(metricsAccess('203.0.113.7', `Basic ${TOKEN}`, TOKEN)).toBe('unauthorized');
  expect(metricsAccess('203.0.113.7', 'Bearer wrong', TOKEN)).toBe('forbidden');
  expect(metricsAccess('203.0.113.7', `Bearer ${TOKEN}x`, TOKEN)).toBe('forbidden');
  expect(metricsAccess('203.0.113.7', `Bearer ${TOKEN}`, TOKEN)).toBe('allowed');
  expect(metricsAccess('203.0.113.7', `bearer ${TOKEN}`, TOKEN)).toBe('allowed');
});

it('takes METRICS_TOKEN from the environment, 16 characters at least', () => {
  expect(loadConfig({}).METRICS_TOKEN).toBeUndefined();
  expect(loadConfig({ METRICS_TOKEN: TOKEN }).METRICS_TOKEN).toBe(TOKEN);
  expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
});
