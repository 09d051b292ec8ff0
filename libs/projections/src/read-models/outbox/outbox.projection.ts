import type { ContactChannel, NoticeSent, ReminderSent, ValidationNoticeSent } from '@arrears/domain';
import type { Evolved, ProjectedDocument, Projection, Recorded } from '../../projection';
import { accountIdOf } from '../account-events';

/**
 * A notification waiting to go out, as the outbox keeps it: which account and what about, never the
 * address (looked up at delivery, so it is current and never copied) nor the rendered text, which
 * names the debtor: that stays sealed in the account's event, read from there at delivery, so erasing
 * the debtor leaves nothing here to blank. `position` orders delivery.
 */
export interface OutboxDocument extends ProjectedDocument {
  accountId: string;
  channel: ContactChannel;
  template: string;
  /** What the template fills in: the invoice, the amount and date, the validation period. */
  facts: Record<string, string | number>;
  queuedAt: string;
  /** The revision, in the account's stream, of the event whose stored message goes out; absent for events recorded before messages were. */
  messageRevision?: number;
}

type Notifying = ReminderSent | ValidationNoticeSent | NoticeSent;

/** The invoice a strategy's reminder is about; undefined for a notice (its facts name a purpose) or the validation notice. */
export const reminderOf = ({ template, facts }: Pick<OutboxDocument, 'template' | 'facts'>): string | undefined =>
  template === 'validation-notice' || 'purpose' in facts ? undefined : String(facts.invoiceId);

const notificationId = (accountId: string, event: Notifying) =>
  event.type === 'ValidationNoticeSent' ? `${accountId}:validation-notice` : event.data.notificationId;

function notificationOf(accountId: string, event: Recorded<Notifying>): Evolved<OutboxDocument> {
  const common = {
    id: notificationId(accountId, event),
    accountId,
    channel: event.data.channel,
    ...(event.data.message && { messageRevision: Number(event.revision) }),
  };
  if (event.type === 'ValidationNoticeSent') {
    return { ...common, template: 'validation-notice', facts: { periodEndsOn: event.data.periodEndsOn }, queuedAt: event.data.sentAt };
  }
  if (event.type === 'NoticeSent') {
    const { purpose, template, invoiceId, sentAt } = event.data;
    return { ...common, template, facts: { purpose, ...(invoiceId && { invoiceId }) }, queuedAt: sentAt };
  }
  const { invoiceId, amount, currency, dueOn, template, sentAt } = event.data;
  return { ...common, template, facts: { invoiceId, amount, currency, dueOn }, queuedAt: sentAt };
}

/**
 * The transactional outbox: every notification the account streams asked for, once each by id. The
 * event that queues one is appended atomically with the decision, so none is lost; delivery (at
 * least once, deduplicated by id) is the notifier's job.
 */
const OUTBOX = 'outbox';

export const outboxProjection: Projection<OutboxDocument, Notifying> = {
  name: 'outbox',
  // 2: notifications name the event whose stored message goes out.
  version: 2,
  collection: OUTBOX,
  indexes: [{ name: 'by_position', fields: [{ field: 'position', direction: 'asc' }] }],
  handles: ['ReminderSent', 'ValidationNoticeSent', 'NoticeSent'],
  documentIds: (event) => {
    const accountId = accountIdOf(event);
    return accountId ? [{ collection: OUTBOX, id: notificationId(accountId, event) }] : [];
  },
  // A notification is queued once: a second event with its id changes nothing.
  evolve: ([queued], event) => [queued ?? notificationOf(accountIdOf(event) as string, event)],
};
