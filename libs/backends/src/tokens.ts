/** Injection tokens of what the backends module provides. */
export const APP_CONFIG = Symbol('AppConfig');
export const IDEMPOTENCY_STORE = Symbol('IdempotencyStore');
/** The event store as stored, personal data sealed: for whoever checks what is stored (the hash chain). */
export const STORED_EVENT_STORE = Symbol('StoredEventStore');
