import type { ConversationSummary } from '../../shared/contract';
import { EscalationBadges } from '../escalation/EscalationBadges';
import { formatWait, relativeTime, secondsSince } from '../lib/format';
import { Avatar } from '../ui/Avatar';
import { Name } from '../ui/Name';

interface InboxItemProps {
  conversation: ConversationSummary;
  selected: boolean;
  alerted: boolean;
  now: number;
  onSelect: (id: string) => void;
}

function preview(conversation: ConversationSummary): string {
  const last = conversation.lastMessage;
  if (!last) return 'No messages yet';
  return last.author === 'agent' ? `Agent: ${last.text}` : last.author === 'bot' ? `Bot: ${last.text}` : last.text;
}

export function InboxItem({ conversation, selected, alerted, now, onSelect }: InboxItemProps) {
  const { id, visitorName, waitingSince, lastMessage, updatedAt } = conversation;
  const classes = ['inbox-item'];
  if (selected) classes.push('is-selected');
  if (waitingSince) classes.push('is-waiting');
  if (alerted) classes.push('is-alerted');
  return (
    <li class={classes.join(' ')} data-conversation-id={id}>
      <button type="button" class="inbox-item__button" aria-current={selected ? 'true' : undefined} onClick={() => onSelect(id)}>
        <Avatar name={visitorName} seed={conversation.visitorId} />
        <span class="inbox-item__body">
          <span class="inbox-item__row">
            <Name class="inbox-item__name" name={visitorName} />
            {conversation.unread > 0 && (
              <span class="unread-count" role="img" aria-label={`${conversation.unread} unread`}>
                {conversation.unread}
              </span>
            )}
            <time class="inbox-item__time" dateTime={lastMessage?.createdAt ?? updatedAt}>
              {relativeTime(lastMessage?.createdAt ?? updatedAt, now)}
            </time>
          </span>
          <span class={`inbox-item__preview${lastMessage?.author === 'system' ? ' is-system' : ''}`}>{preview(conversation)}</span>
          {(waitingSince || conversation.escalation || conversation.offline || conversation.status === 'closed') && (
            <span class="inbox-item__badges">
              <EscalationBadges conversation={conversation} />
              {waitingSince && (
                <span class={`badge ${alerted ? 'badge--danger' : 'badge--warning'}`}>
                  Waiting {formatWait(secondsSince(waitingSince, now))}
                </span>
              )}
              {waitingSince && alerted && <span class="badge badge--danger-solid">Needs reply</span>}
              {conversation.status === 'closed' && <span class="badge">Closed</span>}
              {conversation.csat && <span class="badge">Rated {conversation.csat.rating}/5</span>}
            </span>
          )}
        </span>
      </button>
    </li>
  );
}
