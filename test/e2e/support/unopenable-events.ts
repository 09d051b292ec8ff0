import type { EventStore } from '@arrears/event-store';
import { PersonalDataVault } from '@arrears/personal-data';
import { newEvent } from '@arrears/testing';
import { uniqueId, type TestApi } from './test-api';

/**
 * Events written past the edge whose sealed data cannot be opened: an opening with no debtor, and a sealed one
 * whose tag was altered by a byte. Their accounts and positions in the log, in that
 * order.
 */
export async function appendUnopenable(api: TestApi, events: EventStore, creditorId: string): Promise<{ accountId: string; position: bigint }[]> {
  const bare = uniqueId('acc');
  const tampered = uniqueId('acc');
  const sealed = await api.app.get(PersonalDataVault).seal({ accountId: tampered, creditorId, debtor: { reference: 'D-1', name: 'Ada', timeZone: 'UTC' } });
  const seal = sealed.debtor.sealed as NonNullable<typeof sealed.debtor.sealed>;
  const tag = Buffer.from(seal.tag, 'base64');
  tag[0] = (tag[0] as number) ^ 1;
  const altered = { ...sealed, debtor: { ...sealed.debtor, sealed: { ...seal, tag: tag.toString('base64') } } };
  const written: { accountId: string; position: bigint }[] = [];
  for (const [accountId, data] of [
    [bare, { accountId: bare, creditorId }],
    [tampered, altered],
  ] as const) {
    const event = newEvent('AccountOpened', data);
    const appended = await events.append(`account-${accountId}`, [{ ...event, metadata: { ...event.metadata, creditorId } }], {
      expectedRevision: 'no_stream',
    });
    written.push({ accountId, position: appended.position });
  }
  return written;
}
