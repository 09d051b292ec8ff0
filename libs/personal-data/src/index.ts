export * from './key-store.port';
export { PostgresKeyStore } from './postgres/postgres.key-store';
export { MongoKeyStore } from './mongodb/mongodb.key-store';
export { InMemoryKeyStore } from './in-memory/in-memory.key-store';
export * from './vault/personal-data-vault';
export { OpeningEventStore } from './vault/opening-event-store';
export * from './key-encryption/key-encryption.port';
export { LocalKeyEncryption } from './key-encryption/local-key-encryption';
