export * from './account-command.service';
export * from './command-context';
export * from './commands.module';
export * from './contact-policies-in-force';
