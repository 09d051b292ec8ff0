export * from './import-fact';
export * from './import-progress';
export * from './ledger-import';
export * from './ledger-lines';
