import { accountEventTypes, businessDayOf, erasedDebtor, personalEventFields, summarize, type AccountEvent, type Debtor, type IsoDate } from '@arrears/domain';
import type { ReportingZones } from '@arrears/platform';
import type { Evolved, ProjectedDocument, Projection } from '../../projection';
import { accountIdOf, type RecordedAccountEvent } from '../account-events';

/** One recorded fact of an account, as an auditor reads it. */
export interface AuditEntry extends ProjectedDocument {
  accountId: string;
  creditorId: string;
  revision: number;
  eventId: string;
  type: string;
  occurredAt: string;
  /** The business day of the fact in the creditor's reporting zone: an invoice issued in March happened in March, whenever recorded. */
  occurredOn: IsoDate;
  /** When the system recorded it. */
  recordedAt: string;
  actor: { id: string; role: string };
  correlationId: string;
  causationId: string;
  summary: string;
  data: Record<string, unknown>;
}

/** Ids sort in revision order within an account (revisions zero-padded). */
const auditEntryId = (accountId: string, revision: bigint | number) => `${accountId}:${revision.toString().padStart(12, '0')}`;

function auditEntry(accountId: string, event: RecordedAccountEvent, zones: ReportingZones): Evolved<AuditEntry> {
  const { metadata } = event;
  return {
    id: auditEntryId(accountId, event.revision),
    accountId,
    creditorId: metadata.creditorId,
    revision: Number(event.revision),
    eventId: event.id,
    type: event.type,
    occurredAt: metadata.occurredAt,
    occurredOn: businessDayOf(event, metadata, zones(metadata.creditorId)),
    recordedAt: metadata.recordedAt,
    actor: metadata.actor,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    summary: summarize(event),
    data: withoutPersonalFields(event.type, withoutMessageText(event.data)),
  };
}

/**
 * A rendered message names the debtor and their address: the trail keeps which template, version and
 * language went out, never the text, which stays sealed in the log (GET /accounts/:id/events shows it
 * to an auditor) and so is gone with the debtor's key without any entry to rewrite.
 */
function withoutMessageText(data: AccountEvent['data']): Record<string, unknown> {
  if (!('message' in data)) return data;
  const { templateId, version, language } = data.message;
  return { ...data, message: { templateId, version, language } };
}

/**
 * An event's personal fields (a new e-mail address, a credit score, a dispute's reason: personalEventFields)
 * are not kept in the trail either: sealed in the log, they are gone with the debtor's key, where a copy here
 * would outlive it. The auditor reads them in the log while the key lives.
 */
function withoutPersonalFields(type: string, data: Record<string, unknown>): Record<string, unknown> {
  const personal = personalEventFields.get(type);
  return personal ? Object.fromEntries(Object.entries(data).filter(([field]) => !personal.includes(field))) : data;
}

/** The audit trail's name and collection, for its readers. */
export const AUDIT_TRAIL = 'audit_trail';

/** The audit trail, dating each fact's business day in its creditor's reporting zone. */
export const auditTrailProjectionFor = (zones: ReportingZones): Projection<AuditEntry, AccountEvent> => ({
  name: AUDIT_TRAIL,
  // 2: each entry has its business day (occurredOn) beside its recording time. 3: messages without their text.
  // 4: entries without an event's personal fields (personalEventFields).
  version: 4,
  collection: AUDIT_TRAIL,
  indexes: [
    {
      name: 'by_account',
      fields: [
        { field: 'accountId', direction: 'asc' },
        { field: 'revision', direction: 'asc' },
      ],
    },
  ],
  handles: accountEventTypes,
  documentIds: (event) => {
    const accountId = accountIdOf(event);
    if (!accountId) return [];
    const entry = { collection: AUDIT_TRAIL, id: auditEntryId(accountId, event.revision) };
    // An erasure also rewrites the opening entry, the one that held the personal data.
    return event.type === 'PersonalDataErased' ? [entry, { collection: AUDIT_TRAIL, id: auditEntryId(accountId, 0) }] : [entry];
  },
  evolve: ([existing, opening], event) => {
    const entry = existing ?? auditEntry(accountIdOf(event) as string, event, zones);
    return event.type === 'PersonalDataErased' ? [entry, opening ? withErasedDebtor(opening) : null] : [entry];
  },
});

function withErasedDebtor(opening: AuditEntry): AuditEntry {
  return { ...opening, data: { ...opening.data, debtor: erasedDebtor(opening.data.debtor as Debtor) } };
}
