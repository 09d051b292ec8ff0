export * from './agents';
export * from './behaviour';
export * from './day-plan';
export * from './opening';
export * from './portfolio';
export * from './prng';
export * from './report';
