import { createContext } from 'preact';
import type { AgentConnection } from '../agent-socket';

/** The workspace's `/agent` connection, for knowledge-base views nested deep in the conversation view. */
export const KbConnectionContext = createContext<Pick<AgentConnection, 'request'> | null>(null);
