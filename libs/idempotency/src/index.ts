export * from './idempotency.store';
export { PostgresIdempotencyStore } from './postgres.idempotency-store';
export { EventStoreIdempotencyStore } from './event-store.idempotency-store';
