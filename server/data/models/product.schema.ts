import { Schema } from 'mongoose';

/** `ProductCard`: a product the shop reported (a cart line, a product page) or an agent sent. */
export const productSchema = new Schema(
  {
    title: { type: String, required: true },
    price: { type: Number, required: true },
    currency: { type: String, required: true },
    url: { type: String, required: true },
    image: { type: String },
  },
  { _id: false },
);
