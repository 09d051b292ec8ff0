export * from './projection';
export * from './runner/batch-writes';
export * from './runner/projection-worker';
export * from './runner/projection-runner';
