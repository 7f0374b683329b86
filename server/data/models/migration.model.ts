import { Schema, model } from 'mongoose';

/** A start-up migration that has finished on this database: `_id` is its name. */
export const MigrationModel = model(
  'Migration',
  new Schema({ _id: { type: String, required: true }, finishedAt: { type: Date, required: true } }, { versionKey: false }),
);
