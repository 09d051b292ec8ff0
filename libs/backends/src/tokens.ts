/** Injection tokens of what the backends module provides. */
export const APP_CONFIG = Symbol('AppConfig');
export const IDEMPOTENCY_STORE = Symbol('IdempotencyStore');
