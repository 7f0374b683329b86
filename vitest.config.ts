import { accessSync, constants } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * The tests' databases, Redis files, uploads and browser profiles go to memory when the machine has
 * a tmpfs there (set before the workers start, so they inherit it): the database-heavy files took
 * 10–15 % less CPU without the disk's writeback (backup-restore 42 → 37 CPU-s, retention 25 → 21).
 */
if (!process.env.TMPDIR) {
  try {
    accessSync('/dev/shm', constants.W_OK);
    process.env.TMPDIR = '/dev/shm';
  } catch {
    // No writable tmpfs: the system's temporary folder.
  }
}

const preactJsx = { jsx: { runtime: 'automatic', importSource: 'preact' } } as const;

/**
 * Integration files whose assertions hold only while nothing else loads the machine: rate windows of
 * 10 s, lock leases of tens of milliseconds, killed children.
 * They run one at a time after the parallel files.
 */
const RUN_ALONE = [
  'tests/integration/security-rate-limits.test.ts',
  'tests/integration/record-lock.test.ts',
  'tests/integration/embedded-services.test.ts',
];
/**
 * Rounds of two server processes: too heavy for the parallel files, whose waits it would stretch,
 * but its assertions hold under load, so it runs beside the browser files (in their project: projects
 * of one group run one after another) instead of alone at the end.
 */
const WITH_BROWSERS = ['tests/integration/visitor-concurrency.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    // Vitest's default on 2 cores is one worker (cores - 1), which runs every file one after another;
    // most files wait on servers, sockets and timers, so three overlap well on 2 cores (the parallel
    // files of 1,564 tests: 3 min 8 s with three workers, 2 min 56 s with four; two took 3 min 56 s
    // for 1,463 of them). Files of the node projects
    // share their worker's modules (isolate: false): each file starts servers of its own on a
    // database of its own, and importing the server once per worker instead of once per file saves
    // about a quarter of the run's import time.
    maxWorkers: 3,
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', isolate: false } },
      {
        oxc: preactJsx,
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.tsx'],
          // The files of a worker share one jsdom and their modules (a fresh jsdom per file made the
          // project take 60 s instead of 17 s); the setup file resets the page after each file.
          environment: 'jsdom',
          isolate: false,
          setupFiles: ['tests/component/setup.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: [...RUN_ALONE, ...WITH_BROWSERS],
          environment: 'node',
          isolate: false,
          // Four: the files wait on servers and timers often enough that a fourth worker finds work
          // (the project took 117–121 s instead of 124–130 s with three). Its own group: projects of
          // a group must share their number of workers.
          maxWorkers: 4,
          sequence: { groupOrder: 1 },
          globalSetup: ['tests/helpers/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration-alone',
          include: RUN_ALONE,
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 3 },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts', ...WITH_BROWSERS],
          environment: 'node',
          isolate: false,
          globalSetup: ['tests/helpers/global-setup.ts'],
          // After the parallel files; the fault files follow these (vitest 4.1 runs the two projects of
          // the group one after the other). The browsers leave the machine short of busy (about 1.1 of
          // its 2 cores), so three workers: e2e and faults 137 s instead of 149 s with two.
          maxWorkers: 3,
          sequence: { groupOrder: 2 },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // Each file starts, kills and restarts services of its own (its own ports and folders).
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/faults/global-setup.ts'],
          maxWorkers: 3,
          sequence: { groupOrder: 2 },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
