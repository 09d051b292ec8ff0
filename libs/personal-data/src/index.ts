export * from './key-store.port';
export { PostgresKeyStore } from './postgres/postgres.key-store';
export { MongoKeyStore } from './mongodb/mongodb.key-store';
export * from './vault/personal-data-vault';
export { OpeningEventStore } from './vault/opening-event-store';
