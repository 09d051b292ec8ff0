import type { IsoDate } from '../calendar/calendar';
import type { ContactChannel, ContactPolicies } from '../compliance/contact-policy';
import { collectorOf, profileFor, type CollectorIdentity } from '../compliance/creditor-profile';
import { formatMoney } from '../money/money';
import type { PostalAddress } from '../accounts/debtor';
import { outstanding, type OpenedAccount } from '../account/account.state';
import type { Itemization } from '../interactions/interactions.events';
import type { CeaseRemedy, RenderedMessage } from './notices.events';
import { optOutLinkMarker, phrasesIn, portalLinkMarker } from './notices.phrases';
import { fallbackLanguage, templateFor, templatesIn, type NoticeTemplate } from './notices.templates';

/** What a message is about, beyond the account: the invoice and its amount, the validation period. */
export interface MessageFacts {
  invoiceId?: string;
  amount?: number;
  currency?: string;
  dueOn?: IsoDate;
  periodEndsOn?: IsoDate;
  /** The itemization of the debt a validation notice shows (1006.34(c)(2)(vii)–(viii)), in minor units. */
  itemization?: Itemization;
  /** A remedy notice's remedy after a cease request (1006.6(c)(2)(ii), (iii)). */
  remedy?: CeaseRemedy;
  /** The original creditor, as the debtor asked (1006.38(c)). */
  originalCreditor?: { name: string; address: PostalAddress };
}

/** A message to render: which template, by which channel, about what. */
export interface MessageRequest {
  templateId: string;
  channel: ContactChannel;
  facts?: MessageFacts;
  /**
   * The state requires the time-barred disclosure (1006.26; state law): the `time-barred-disclosure`
   * paragraph is included. False until the time bar is known (`timeBarOf`).
   */
  timeBarredDisclosure?: boolean;
}

/**
 * What a message reads of an account: all of it but the registries of its payments and reversals, which no variable
 * names (a payment counts through its invoice's `paid`). A preview reads the account without them: on an account of
 * thousands of payments they are most of its stored size.
 */
export type MessageSubject = Omit<OpenedAccount, 'payments' | 'reversalIds'>;

/** Where and when a message is rendered: the account, the rule set it is decided under, the debtor's today. */
export interface MessageContext {
  account: MessageSubject;
  policies: ContactPolicies;
  today: IsoDate;
}

/** Every variable a template may name. */
export const messageVariables = [
  'debtorName',
  'debtorAddress',
  'accountNumber',
  'collectorName',
  'collectorAddress',
  'collectorPhone',
  'collectorEmail',
  'collectorContact',
  'creditorName',
  'creditorAddress',
  'invoiceId',
  'amountDue',
  'dueOn',
  'totalDue',
  'today',
  'periodEndsOn',
  'itemizationDate',
  'amountOnItemizationDate',
  'interest',
  'fees',
  'payments',
  'credits',
  'paymentsAndCredits',
  'currentAmount',
  'remedy',
  'originalCreditorName',
  'originalCreditorAddress',
  'disclosure',
  'optOut',
  'optOutUrl',
  'portalUrl',
  'timeBarredDisclosure',
] as const;
export type MessageVariable = (typeof messageVariables)[number];
export type MessageValues = { [Variable in MessageVariable]?: string | undefined };

/**
 * The message a request comes to, in the debtor's language (else English), or undefined when no
 * template exists for that channel (the outbox then says what it always said).
 */
export function renderMessage(context: MessageContext, request: MessageRequest): RenderedMessage | undefined {
  const templates = templatesIn(context.policies);
  const template = templateFor(templates, request.templateId, request.channel, context.account.debtor.language);
  return template && renderTemplate(template, valuesFor(context, request, template));
}

/** The template's text with its variables filled in; a line that was only variables and came out empty is left out. */
export function renderTemplate(template: NoticeTemplate, values: MessageValues): RenderedMessage {
  const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name as MessageVariable] ?? '');
  const lines = template.body.split('\n').flatMap((line) => {
    const filled = fill(line);
    const onlyVariables = line.trim() !== '' && line.replace(/\{\{\w+\}\}/g, '').trim() === '';
    return onlyVariables && filled.trim() === '' ? [] : [template.channel === 'sms' ? filled.replace(/ {2,}/g, ' ').trim() : filled];
  });
  const { id: templateId, version, language } = template;
  return { templateId, version, language, subject: fill(template.subject), body: lines.join('\n') };
}

/** The values a template's variables take for this account, request and template's language. */
export function valuesFor({ account, policies, today }: MessageContext, request: MessageRequest, template: NoticeTemplate): MessageValues {
  const { language, channel } = template;
  const profile = profileFor(policies.profiles, account.creditorId);
  const collector = collectorOf(profile);
  const facts = request.facts ?? {};
  const currency = facts.currency ?? account.currency ?? facts.itemization?.currency ?? 'USD';
  const money = (amount: number | undefined, inCurrency = currency) => (amount === undefined ? undefined : formatMoney(amount, inCurrency));
  const date = (value: IsoDate | undefined) => value && formatDate(value, language);
  const item = facts.itemization;
  const said = phrasesIn(language);
  // 1006.18(e): the validation notice goes with the first communication, so until it has gone out a message is the initial one.
  const initial = account.validationNotice === null;
  const timeBarred = request.timeBarredDisclosure ? templateFor(templatesIn(policies), 'time-barred-disclosure', channel, language) : undefined;
  const values: MessageValues = {
    debtorName: account.debtor.name,
    debtorAddress: account.debtor.address && oneLine(account.debtor.address),
    accountNumber: account.accountId.slice(-4),
    collectorName: collector.name,
    collectorAddress: oneLine(collector.address),
    collectorPhone: collector.phone ?? collector.email ?? oneLine(collector.address),
    collectorEmail: collector.email ?? oneLine(collector.address),
    collectorContact: contactOf(collector),
    creditorName: profile.creditor.name,
    creditorAddress: oneLine(profile.creditor.address),
    invoiceId: facts.invoiceId,
    amountDue: money(facts.amount),
    dueOn: date(facts.dueOn),
    totalDue: money(Object.values(account.invoices).reduce((sum, invoice) => sum + outstanding(invoice), 0)),
    today: date(today),
    periodEndsOn: date(facts.periodEndsOn),
    itemizationDate: date(item?.itemizationDate),
    amountOnItemizationDate: money(item?.amountOnItemizationDate, item?.currency),
    interest: money(item?.interest, item?.currency),
    fees: money(item?.fees, item?.currency),
    payments: money(item?.payments, item?.currency),
    credits: money(item?.credits, item?.currency),
    paymentsAndCredits: item && money(item.payments + item.credits, item.currency),
    currentAmount: money(item?.currentAmount, item?.currency),
    remedy: facts.remedy && `${facts.remedy.invoked === 'will' ? said.remedyIntended : said.remedyPossible} ${facts.remedy.text}`,
    originalCreditorName: facts.originalCreditor?.name,
    originalCreditorAddress: facts.originalCreditor && oneLine(facts.originalCreditor.address),
    // First-party creditors are not debt collectors and must not say they are (15 U.S.C. 1692a(6)).
    disclosure: profile.debtCollector ? (initial ? said.initialDisclosure : said.laterDisclosure) : '',
    optOut: channel === 'email' || channel === 'sms' ? said.optOut[channel] : '',
    optOutUrl: optOutLinkMarker,
    portalUrl: portalLinkMarker,
  };
  if (timeBarred) values.timeBarredDisclosure = renderTemplate(timeBarred, values).body;
  return values;
}

const oneLine = (address: PostalAddress) =>
  [...address.lines, address.city, [address.region, address.postalCode].filter(Boolean).join(' '), address.country].filter(Boolean).join(', ');

const contactOf = (who: CollectorIdentity) => [who.phone, who.email, who.website].filter(Boolean).join(', ') || oneLine(who.address);

// Building a date format costs far more than using one: each language's is built once (a pure memo).
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar date as the debtor's language writes it ("March 5, 2026", "5 de marzo de 2026"). A date
 * is not an instant: it is written as UTC sees midnight of that day, so no time zone shifts it.
 */
export function formatDate(date: IsoDate, language: string): string {
  let format = dateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(Intl.DateTimeFormat.supportedLocalesOf(language).length ? language : fallbackLanguage, {
      dateStyle: 'long',
      timeZone: 'UTC',
    });
    dateFormats.set(language, format);
  }
  return format.format(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))));
}
