import type { Visitor } from '../data';

/** The name agents see: the visitor's own, else "Visitor" and the end of their id. */
export function visitorDisplayName(visitor: Pick<Visitor, '_id' | 'name'>): string {
  return visitor.name ?? `Visitor ${visitor._id.toHexString().slice(-4).toUpperCase()}`;
}
