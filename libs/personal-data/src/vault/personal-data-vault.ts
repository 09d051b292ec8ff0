import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { erasedDebtor, personalEventFields, personalFields, withoutPersonalData, type AccountOpened, type Debtor, type RenderedMessage } from '@arrears/domain';
import type { RecordedEvent } from '@arrears/event-store';
import type { DataKey, KeyStore } from '../key-store.port';

/** The debtor's personal fields as stored: AES-256-GCM under the debtor's data key, bound to the account. */
export interface SealedPersonalData {
  keyId: string;
  /** Base64: the 96-bit nonce, the ciphertext of the fields' JSON, and the 128-bit tag. */
  iv: string;
  data: string;
  tag: string;
}

/** A debtor as stored: what is not personal in clear, the rest sealed. */
export type StoredDebtor = Omit<Debtor, (typeof personalFields)[number]> & { sealed?: SealedPersonalData };

/** A rendered message as stored: which template in clear, what it said (subject and body) sealed. */
export type StoredMessage = Pick<RenderedMessage, 'templateId' | 'version' | 'language'> & { sealed: SealedPersonalData };

type OpenedData = AccountOpened['data'];
type StoredData = Omit<OpenedData, 'debtor'> & { debtor: StoredDebtor };

const algorithm = 'aes-256-gcm';

/** Whether an event of this type has fields to seal (see sealFields and personalEventFields). */
export const hasSealedFields = (type: string) => personalEventFields.has(type);

/** One data key per debtor of a creditor. Creditor ids hold no '/', so subjects cannot collide. */
export const debtorSubject = (creditorId: string, debtorReference: string) => `${creditorId}/${debtorReference}`;

/**
 * Seals debtors' personal fields on the way into the log and opens them on the way out. Once the
 * debtor's key is destroyed, what was sealed reads as erased, wherever and whenever it is read:
 * replays and projection rebuilds included. Keys found are kept a few seconds, so a catch-up asks the
 * key store once per debtor, not once per event and reader.
 */
export class PersonalDataVault {
  private readonly cached = new Map<string, { key: Buffer; until: number }>();
  /** Counts forgettings: keys found by a lookup that a forgetting overtook are used once, not kept. */
  private forgotten = 0;

  constructor(
    private readonly keys: KeyStore,
    private readonly keepKeysMs = 5_000,
  ) {}

  /** The AccountOpened data to store: without personal fields, there is nothing to seal. */
  async seal(opened: OpenedData): Promise<StoredData> {
    const { debtor } = opened;
    const personal = Object.fromEntries(personalFields.flatMap((field) => (debtor[field] === undefined ? [] : [[field, debtor[field]]])));
    if (Object.keys(personal).length === 0) return opened;
    const sealed = await this.sealValue(debtorSubject(opened.creditorId, debtor.reference), personal, opened.accountId);
    return { ...opened, debtor: { ...withoutPersonalData(debtor), sealed } };
  }

  /**
   * Seals any personal value kept outside the log (a delivered notification's address, say) under the
   * subject's data key, bound to `context`, so that forgetting the subject makes it unreadable too.
   */
  async sealValue(subject: string, value: unknown, context: string): Promise<SealedPersonalData> {
    return sealWith(await this.keys.keyFor(subject), value, context);
  }

  /**
   * Seals a copy of what the subject's key already seals (a snapshot of their account) under that key,
   * bound to `context`: undefined when the subject has no live key, for a copy must never outlive an
   * erasure under a key made after it.
   */
  async sealUnderLiveKey(subject: string, value: unknown, context: string): Promise<SealedPersonalData | undefined> {
    const live = await this.keys.liveKey(subject);
    return live && sealWith(live, value, context);
  }

  /**
   * A message as stored: its subject and body (which name the debtor and their address) sealed under
   * the debtor's data key, bound to the account's stream, so erasing the debtor erases what was said.
   */
  async sealMessage(subject: string, message: RenderedMessage, streamId: string): Promise<StoredMessage> {
    const { templateId, version, language } = message;
    return { templateId, version, language, sealed: await this.sealValue(subject, { subject: message.subject, body: message.body }, streamId) };
  }

  /**
   * The event's data with its personal fields (see hasSealedFields) sealed under the subject's key, bound to the
   * stream; as it is when it holds none (a dispute raised after an erasure), so that no key is made for nothing.
   */
  async sealFields(subject: string, type: string, data: Record<string, unknown>, streamId: string): Promise<Record<string, unknown>> {
    const fields = personalEventFields.get(type) ?? [];
    const clear = Object.fromEntries(Object.entries(data).filter(([field]) => !fields.includes(field)));
    const personal = Object.fromEntries(Object.entries(data).filter(([field]) => fields.includes(field)));
    if (Object.keys(personal).length === 0) return data;
    return { ...clear, sealed: await this.sealValue(subject, personal, streamId) };
  }

  /** What `sealValue` sealed, or undefined once the subject was forgotten. */
  async openValue(sealed: SealedPersonalData, context: string): Promise<unknown> {
    const key = (await this.keysById([sealed.keyId])).get(sealed.keyId);
    return key ? unseal(sealed, key, context) : undefined;
  }

  /**
   * The events with sealed debtors and messages opened, or erased where the key is gone; others as
   * they are. An erased message keeps which template it was; its subject and body are gone.
   */
  async open(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    // An event whose sealed parts cannot even be found (an opening without a debtor, written past the edge) is
    // mapped below, to an unopenable one, like one whose parts do not open.
    let unreadable = false as boolean; // set in the callback below, which the narrowing does not see
    const sealedKeyIds = events.flatMap((event) => {
      try {
        const sealed = sealedIn(event) ?? sealedMessageIn(event)?.sealed ?? sealedFieldsIn(event);
        return typeof sealed?.keyId === 'string' ? [sealed.keyId] : [];
      } catch {
        unreadable = true;
        return [];
      }
    });
    if (sealedKeyIds.length === 0 && !unreadable) return events;
    const keys = await this.keysById(sealedKeyIds);
    return events.map((event) => {
      try {
        return opened(event, keys);
      } catch (error) {
        return unopenable(event, error);
      }
    });
  }

  /** Destroys the debtor's key: everything sealed under it is unreadable from now on. */
  async forget(creditorId: string, debtorReference: string): Promise<number> {
    this.forgotten++;
    this.cached.clear();
    const destroyed = await this.keys.destroy(debtorSubject(creditorId, debtorReference));
    // Again once destroyed: a lookup that started before the key was gone must not cache what it found either.
    this.forgotten++;
    this.cached.clear();
    return destroyed;
  }

  private async keysById(keyIds: string[]): Promise<Map<string, Buffer>> {
    const now = Date.now();
    const keys = new Map<string, Buffer>();
    const missing = new Set<string>();
    for (const keyId of keyIds) {
      const hit = this.cached.get(keyId);
      if (hit && hit.until > now) keys.set(keyId, hit.key);
      else missing.add(keyId);
    }
    if (missing.size === 0) return keys;
    const forgottenBefore = this.forgotten;
    const found = await this.keys.find([...missing]);
    // A key destroyed while it was being found would otherwise be cached again, readable after its erasure.
    const keep = this.forgotten === forgottenBefore;
    for (const [keyId, key] of found) {
      keys.set(keyId, key);
      if (keep) this.cached.set(keyId, { key, until: now + this.keepKeysMs });
    }
    if (this.cached.size > 10_000) this.dropExpired(now);
    return keys;
  }

  private dropExpired(now: number): void {
    for (const [keyId, { until }] of this.cached) if (until <= now) this.cached.delete(keyId);
  }
}

function opened(event: RecordedEvent, keys: Map<string, Buffer>): RecordedEvent {
  const message = sealedMessageIn(event);
  if (message) return { ...event, data: { ...event.data, message: openedMessage(message, keys.get(message.sealed.keyId), event.streamId) } };
  const fields = sealedFieldsIn(event);
  if (fields) return { ...event, data: openedFields(event, fields, keys.get(fields.keyId)) };
  const sealed = sealedIn(event);
  if (!sealed) return event;
  const data = event.data as unknown as StoredData;
  const key = keys.get(sealed.keyId);
  const clear = { ...data.debtor };
  delete clear.sealed;
  const debtor: Debtor = key ? { ...clear, ...(unseal(sealed, key, data.accountId) as Partial<Debtor>) } : erasedDebtor(clear);
  return { ...event, data: { ...data, debtor } };
}

/** Thrown by reading the data of an event whose sealed parts do not open: the history it is in cannot be folded. */
export class UnopenableEventError extends Error {
  readonly position: bigint;
  readonly streamId: string;

  constructor(event: RecordedEvent, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`The sealed data of event ${event.id} at position ${event.position} (${event.type}) cannot be opened: ${reason}`);
    this.name = 'UnopenableEventError';
    this.position = event.position;
    this.streamId = event.streamId;
  }
}

/**
 * An event whose sealed data cannot be opened (a tag that does not verify: the stored bytes were altered; or
 * no debtor where one must be), written past the edge. Its data throws when read, so each reader fails on
 * this event alone, and a projection parks it as it parks any event it cannot apply, instead of the read
 * of the log stopping every projection at it.
 */
function unopenable(event: RecordedEvent, error: unknown): RecordedEvent {
  const problem = new UnopenableEventError(event, error);
  return Object.defineProperty({ ...event }, 'data', {
    enumerable: true,
    get() {
      throw problem;
    },
  });
}

function sealedIn(event: RecordedEvent): SealedPersonalData | undefined {
  return event.type === 'AccountOpened' ? (event.data as unknown as StoredData).debtor.sealed : undefined;
}

/** The sealed fields of an event whose type has some (see hasSealedFields). */
function sealedFieldsIn(event: RecordedEvent): SealedPersonalData | undefined {
  return hasSealedFields(event.type) ? (event.data as { sealed?: SealedPersonalData }).sealed : undefined;
}

/** The event's data with its sealed fields back in place, or marked `erased` without them once the key is gone. */
function openedFields(event: RecordedEvent, sealed: SealedPersonalData, key: Buffer | undefined): RecordedEvent['data'] {
  const clear = Object.fromEntries(Object.entries(event.data).filter(([field]) => field !== 'sealed'));
  return key ? { ...clear, ...(unseal(sealed, key, event.streamId) as Record<string, unknown>) } : { ...clear, erased: true };
}

/** The sealed message an event carries (`data.message.sealed`), if any: any event type may carry one. */
function sealedMessageIn(event: RecordedEvent): StoredMessage | undefined {
  const message = (event.data as { message?: Partial<StoredMessage> } | null)?.message;
  return message?.sealed ? (message as StoredMessage) : undefined;
}

function openedMessage({ templateId, version, language, sealed }: StoredMessage, key: Buffer | undefined, streamId: string): RenderedMessage {
  if (!key) return { templateId, version, language, subject: '', body: '', erased: true };
  const { subject, body } = unseal(sealed, key, streamId) as Pick<RenderedMessage, 'subject' | 'body'>;
  return { templateId, version, language, subject, body };
}

/** A tag that does not verify means the stored bytes were altered: that is an error, not an erasure. */
function sealWith({ keyId, key }: DataKey, value: unknown, context: string): SealedPersonalData {
  const iv = randomBytes(12);
  const cipher = createCipheriv(algorithm, key, iv).setAAD(Buffer.from(context));
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { keyId, iv: iv.toString('base64'), data: data.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

function unseal(sealed: SealedPersonalData, key: Buffer, context: string): unknown {
  const decipher = createDecipheriv(algorithm, key, Buffer.from(sealed.iv, 'base64')).setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const clear = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  return JSON.parse(clear.toString('utf8'));
}
