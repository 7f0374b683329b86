import { mongo } from 'mongoose';

const { EJSON } = mongo.BSON;

/** A stored document as text that keeps its types (ObjectIds, dates), for caching it outside the database. */
export function toExtendedJson(doc: unknown): string {
  return EJSON.stringify(doc);
}

export function fromExtendedJson<T>(text: string): T {
  return EJSON.parse(text) as T;
}
