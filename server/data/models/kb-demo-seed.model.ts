import { Schema, model } from 'mongoose';

/** One document per site that has had its demo articles: the unique id makes seeding happen once, whichever process starts first. */
export const KbDemoSeedModel = model(
  'KbDemoSeed',
  new Schema({ _id: { type: Schema.Types.ObjectId, required: true } }, { timestamps: true }),
);
