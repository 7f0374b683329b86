const DUPLICATE_KEY = 11000;

export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number } | null)?.code === DUPLICATE_KEY;
}

/** Any model: what inserting one document needs of it. */
interface Creates {
  create(docs: object[]): Promise<Array<{ toObject(): unknown }>>;
}

/**
 * Inserts `doc` unless a document with the same unique key (its `_id` or a unique index) exists:
 * answers the stored document as inserted, or null when the key was taken. An insert against a
 * unique index is atomic on MongoDB and on the embedded FerretDB alike (its updates are not), so
 * claims and exactly-once writes rest on this.
 */
export async function insertOnce<Stored>(model: Creates, doc: object): Promise<Stored | null> {
  try {
    const [created] = await model.create([doc]);
    return created!.toObject() as Stored;
  } catch (err) {
    if (isDuplicateKey(err)) return null;
    throw err;
  }
}
