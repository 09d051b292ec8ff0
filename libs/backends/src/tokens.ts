/** Injection tokens of what the backends module provides. */
export const IDEMPOTENCY_STORE = Symbol('IdempotencyStore');
