export * from './read-store.port';
export { underLease, whileLeaseHeld } from './lease-renewal';
export { PostgresReadStore } from './postgres/postgres.read-store';
export { MongoReadStore } from './mongodb/mongodb.read-store';
