export * from './money/money';
export * from './calendar/calendar';
export * from './errors/domain-error';
export * from './account/account.events';
export * from './account/account.commands';
export * from './account/account.state';
export { evolve } from './account/account.evolve';
export { decide } from './account/account.decide';
