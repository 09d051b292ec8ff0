export * from './projection';
export * from './runner/projection-runner';
