import type mongoose from 'mongoose';
import { Types } from 'mongoose';

/** Fields of a stored visitor that no socket event answers: the prompt cap's clock and the lifetime page counts. */
export interface StoredVisitorFields {
  lastPromptedAt: Date | null;
  pageCounts: Record<string, number>;
}

/** Reads them from the visitor's document, as the next hesitation and the stage rules will. */
export async function storedVisitorFields(db: mongoose.Connection, visitorId: string): Promise<StoredVisitorFields | null> {
  const doc = await db.collection('visitors').findOne({ _id: new Types.ObjectId(visitorId) });
  if (!doc) return null;
  return {
    lastPromptedAt: doc.lastPromptedAt instanceof Date ? doc.lastPromptedAt : null,
    pageCounts: (doc.pageCounts ?? {}) as Record<string, number>,
  };
}

/** Runs `task(0..count-1)` with at most `limit` running at once; answers the results in index order. */
export async function runPool<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}
