import type { Stage } from '../../shared/lifecycle';

/**
 * What the answer bot does with a visitor's question:
 * - `answer`: the bot answers first (a person stays one click away);
 * - `while_you_wait`: a person comes first (the conversation is routed at once) and the article is
 *   shown as "While you wait: …", and to the agent as the top suggestion;
 * - `route`: a person comes first, with nothing confident enough to show meanwhile;
 * - `silent`: the bot says nothing; the question goes to people as without a bot.
 */
export type BotTurn = 'answer' | 'while_you_wait' | 'route' | 'silent';

export interface BotTurnInput {
  stage: Stage;
  cartValue: number;
  intentScore: number;
  /** The site's escalation threshold for purchase intent. */
  intentThreshold: number;
  /** Calibrated probability that the top article answers the question; null when nothing matched. */
  confidence: number | null;
  /** The site's threshold for answering. */
  threshold: number;
}

/**
 * A buyer about to pay (purchase stage with a cart, or purchase intent above the escalation
 * threshold) gets a person first: a wrong or slow automated answer costs the sale. Everyone else gets
 * the bot first when it is confident. Below the threshold the bot says nothing rather than something wrong.
 */
export function botTurn({ stage, cartValue, intentScore, intentThreshold, confidence, threshold }: BotTurnInput): BotTurn {
  const confident = confidence !== null && confidence >= threshold;
  const buying = (stage === 'purchase' && cartValue > 0) || intentScore > intentThreshold;
  if (buying) return confident ? 'while_you_wait' : 'route';
  return confident ? 'answer' : 'silent';
}
