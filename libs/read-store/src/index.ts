export * from './read-store.port';
export { PostgresReadStore } from './postgres/postgres.read-store';
export { MongoReadStore } from './mongodb/mongodb.read-store';
