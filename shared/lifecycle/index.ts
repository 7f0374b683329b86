export * from './settings';
export * from './stages';
export * from './intent';
export * from './hesitation';
export { foldText, priceQuestionConcern } from './price-question';
export * from './escalation-priority';
export * from './at-risk';
