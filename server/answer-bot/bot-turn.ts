import type { Stage } from '../../shared/lifecycle';

/**
 * How the answer bot answers a question it is confident about (below the site's threshold it says
 * nothing, and the question goes to people as without a bot):
 * - `answer`: the bot answers first (a person stays one click away);
 * - `while_you_wait`: a person comes first (the conversation is routed at once) and the article is
 *   shown as "While you wait: …", and to the agent as the top suggestion.
 */
export type BotTurn = 'answer' | 'while_you_wait';

export interface BotTurnInput {
  stage: Stage;
  cartValue: number;
  intentScore: number;
  /** The site's escalation threshold for purchase intent. */
  intentThreshold: number;
}

/**
 * A buyer about to pay (purchase stage with a cart, or purchase intent above the escalation
 * threshold) gets a person first: a wrong or slow automated answer costs the sale.
 */
export function botTurn({ stage, cartValue, intentScore, intentThreshold }: BotTurnInput): BotTurn {
  const buying = (stage === 'purchase' && cartValue > 0) || intentScore > intentThreshold;
  return buying ? 'while_you_wait' : 'answer';
}
