import { createHash, randomUUID } from 'node:crypto';

/** Where new ids come from. Injected, so tests can make them predictable. */
export abstract class IdGenerator {
  abstract uuid(): string;
}

export class RandomIdGenerator extends IdGenerator {
  uuid(): string {
    return randomUUID();
  }
}

/**
 * The same UUID for the same name, every time (an RFC 9562 version 5 UUID in our own namespace).
 * A retried request derives its event ids from its Idempotency-Key, so that even two copies racing
 * each other append once: the event store treats the second as a retry.
 */
export function nameBasedUuid(name: string): string {
  const hash = createHash('sha1').update(namespace).update(name).digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Bytes of the namespace UUID 6d1f2a4e-5b8c-4e0a-9f3d-2c7b1a0e9d55, chosen once for this project. */
const namespace = Buffer.from('6d1f2a4e5b8c4e0a9f3d2c7b1a0e9d55', 'hex');
