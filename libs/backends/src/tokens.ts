/** Injection tokens of what the backends module provides. */
export const IDEMPOTENCY_STORE = Symbol('IdempotencyStore');
// Declared by the libraries that use them (so those never import the composition root); repeated here for the apps.
export { APP_CONFIG } from '@arrears/platform';
export { CHAIN_KEY, STORED_EVENT_STORE } from '@arrears/event-store';
