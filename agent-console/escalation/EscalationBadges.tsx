import type { ConversationSummary } from '../../shared/contract';
import { escalationLabel } from '../lib/lifecycle-labels';

/** "Escalated" with what the visitor hesitated over, and "Offline message"; nothing for a plain chat. */
export function EscalationBadges({ conversation }: { conversation: Pick<ConversationSummary, 'escalation' | 'offline'> }) {
  const { escalation, offline } = conversation;
  return (
    <>
      {escalation && (
        <span class="badge badge--escalated" title={escalation.reason}>
          Escalated: {escalationLabel(escalation)}
        </span>
      )}
      {offline && <span class="badge badge--offline">Offline message</span>}
    </>
  );
}
