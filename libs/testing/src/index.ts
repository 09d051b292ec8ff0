export * from './decider-specification';
export * from './events';
export * from './maintained-holidays';
export * from './clear-part';
