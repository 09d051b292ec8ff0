export * from './decider-specification';
export * from './events';
