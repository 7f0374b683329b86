import { z } from 'zod';

/** The states the queue view counts, in the order it shows them. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** Failed jobs listed per queue, newest first. */
export const FAILED_JOBS_SHOWN = 50;

export const FailedJob = z.object({
  id: z.string(),
  /** The error of its last attempt. */
  failedReason: z.string(),
  attemptsMade: z.number().int(),
  /** ISO time of its last failure, or null when bull did not record one. */
  failedAt: z.string().nullable(),
});
export type FailedJob = z.infer<typeof FailedJob>;

/** One bull queue as the admin's site sees it: its own jobs only (queues are shared by every site of the deployment). */
export const QueueSummary = z.object({
  name: z.string(),
  counts: z.object({
    waiting: z.number().int(),
    active: z.number().int(),
    delayed: z.number().int(),
    completed: z.number().int(),
    failed: z.number().int(),
  }),
  failed: z.array(FailedJob),
  /** The queue held more jobs in some state than the view reads (the newest ones are counted). */
  truncated: z.boolean(),
});
export type QueueSummary = z.infer<typeof QueueSummary>;

export const QueuesResponse = z.object({ queues: z.array(QueueSummary) });
export type QueuesResponse = z.infer<typeof QueuesResponse>;

export const QueueJobParams = z.object({
  queue: z.string().regex(/^[a-z0-9-]{1,60}$/),
  jobId: z.string().min(1).max(200),
});
