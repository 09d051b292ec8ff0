export * from './account-command';
export * from './account-command.service';
export * from './command-context';
export * from './command-refusals';
export * from './creditor-scope';
export * from './commands.module';
export * from './contact-policies-in-force';
export * from './imports';
export { SealAndChain } from './seal-and-chain';
