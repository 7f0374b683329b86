import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { User } from '../../shared/contract';
import type { WorkplaceApi } from './workplace-api';
import type { WorkplaceStore } from './workplace-store';

export interface Workplace {
  store: WorkplaceStore;
  api: WorkplaceApi;
  user: User;
  /** The open conversation's visitor's latest order number, for canned responses; null when unknown. */
  orderNumber(): string | null;
}

/** The workspace's workplace store, for views nested in the shared conversation and inbox views. */
export const WorkplaceContext = createContext<Workplace | null>(null);

export function useWorkplace(): Workplace | null {
  return useContext(WorkplaceContext);
}
