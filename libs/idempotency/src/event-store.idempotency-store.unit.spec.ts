import { InMemoryEventStore } from '@arrears/event-store';
import { FixedClock, RandomIdGenerator } from '@arrears/platform';
import { EventStoreIdempotencyStore } from './event-store.idempotency-store';
import { idempotencyStoreContract } from './idempotency-store.contract';

// The store EventStoreDB deployments use, run here over the in-memory event store.
idempotencyStoreContract('on the event store', () => {
  const clock = new FixedClock(new Date('2026-03-01T12:00:00Z'));
  return Promise.resolve({
    store: new EventStoreIdempotencyStore(new InMemoryEventStore(), clock, new RandomIdGenerator()),
    advance: (ms) => {
      clock.advance(ms);
    },
  });
});
