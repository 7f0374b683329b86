export * from './constants';
export * from './errors';
export * from './entities';
export * from './events';
export * from './visitor';
export * from './agent';
export * from './rest';
