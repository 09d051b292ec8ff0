import { eventStoreContract } from '../contract/event-store.contract';
import { InMemoryEventStore } from './in-memory.event-store';

eventStoreContract({ name: 'in-memory', create: () => Promise.resolve(new InMemoryEventStore()) });
