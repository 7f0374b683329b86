import { isVisible, toSingleLine } from '../../shared/contract';
import type { Visitor } from '../data';

/**
 * The name agents see: the visitor's own, else "Visitor" and the end of their id. A name stored
 * before names were cleaned on input (bidi controls, only invisible characters) is cleaned here.
 */
export function visitorDisplayName(visitor: Pick<Visitor, '_id' | 'name'>): string {
  const name = visitor.name && toSingleLine(visitor.name);
  return name && isVisible(name) ? name : `Visitor ${visitor._id.toHexString().slice(-4).toUpperCase()}`;
}
