export * from './event-store.port';
export * from './errors';
export * from './many-streams';
export { InMemoryEventStore } from './in-memory/in-memory.event-store';
export { PostgresEventStore, type PendingAppend, type PostgresEventStoreOptions } from './postgres/postgres.event-store';
export { EventStoreDbEventStore } from './eventstoredb/eventstoredb.event-store';
export * from './hash-chain/hash-chain';
export * from './hash-chain/chain-key';
export * from './hash-chain/chain-checkpoints';
