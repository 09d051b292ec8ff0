/** Injection tokens of what the backends module provides. */
export const APP_CONFIG = Symbol('AppConfig');
export const IDEMPOTENCY_STORE = Symbol('IdempotencyStore');
/** The event store as stored, personal data sealed: for whoever checks what is stored (the hash chain). */
export const STORED_EVENT_STORE = Symbol('StoredEventStore');
/** The chain key (a ChainKey, provided by the commands module): for whoever chains events, checkpoints their heads or verifies them. */
export const CHAIN_KEY = Symbol('ChainKey');
