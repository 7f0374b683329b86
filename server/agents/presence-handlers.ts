import type { accountAgentRequests } from '../../shared/contract';
import type { AgentSocket } from '../realtime/namespaces';
import type { RequestHandlers } from '../edge/socket-handler';
import type { Logger } from '../infra/logger';
import type { Presence } from './presence';
import { can } from './permissions';

/** Availability requests of the console; a connecting console counts as activity. */
export function presenceHandlers(presence: Presence, log: Logger) {
  return (socket: AgentSocket): RequestHandlers<typeof accountAgentRequests> => {
    const { user } = socket.data;
    if (can(user.role, 'presence:set')) {
      const report = (work: Promise<void>) => work.catch((err: unknown) => log.warn({ err }, 'presence update failed'));
      void report(presence.activity(user).then(() => presence.connectionChanged(user)));
      socket.on('disconnect', () => void report(presence.connectionChanged(user)));
    }
    return {
      'availability:set': (patch) => presence.set(user, patch),
      'presence:activity': async () => {
        await presence.activity(user);
        return null;
      },
      'team:presence': async () => ({ agents: await presence.team(user.siteId) }),
    };
  };
}
