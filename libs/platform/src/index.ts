export * from './config/config';
export * from './clock/clock';
export * from './ids/ids';
export * from './database/embedded-postgres';
export * from './http/problem';
export * from './http/validation';
export * from './process/run-headless';
