export * from './projection';
export * from './runner/batch-writes';
export * from './runner/projection-worker';
export * from './runner/projection-runner';
export * from './read-models';
export * from './runtime/projector.module';
export * from './runtime/projection-progress';
export * from './runner/rebuild';
