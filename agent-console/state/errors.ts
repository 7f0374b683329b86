import { AgentRequestError } from '../agent-socket';

export function isDisconnect(error: unknown): boolean {
  return error instanceof AgentRequestError && error.code === 'disconnected';
}
