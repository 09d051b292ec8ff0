export * from './backends';
export * from './backends.module';
export * from './tokens';
export * from './secrets';
