export * from './read-store.port';
export { pathsBelow, withoutPaths } from './fields-left-out';
export { underLease, whileLeaseHeld } from './lease-renewal';
export { PostgresReadStore } from './postgres/postgres.read-store';
export { MongoReadStore } from './mongodb/mongodb.read-store';
