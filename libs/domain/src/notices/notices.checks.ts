import type { RenderedMessage } from './notices.events';
import { optOutLinkMarker, optOutPath, phrasesIn } from './notices.phrases';
import type { MessageValues } from './notices.render';
import type { MessageChannel, NoticeTemplate } from './notices.templates';

/** What a rendered message must contain, and what it was rendered from. */
export interface MessageExpectations {
  templateId: string;
  channel: MessageChannel;
  /** The creditor profile's `debtCollector`: the disclosure is owed, and otherwise must not be made. */
  debtCollector: boolean;
  /** The values it was rendered with: what the validation notice's elements must show. */
  values: MessageValues;
  timeBarredDisclosure: boolean;
}

/** The elements of the validation notice (1006.34(c)), each as the variable that shows it. */
const validationElements = {
  'debt collector name (34(c)(2)(i))': 'collectorName',
  'debt collector mailing address (34(c)(2)(i))': 'collectorAddress',
  'consumer name (34(c)(2)(ii))': 'debtorName',
  'consumer mailing address (34(c)(2)(ii))': 'debtorAddress',
  'creditor to whom the debt is owed (34(c)(2)(v))': 'creditorName',
  'account number, truncated (34(c)(2)(iv))': 'accountNumber',
  'itemization date (34(c)(2)(vi))': 'itemizationDate',
  'amount on the itemization date (34(c)(2)(vii))': 'amountOnItemizationDate',
  'interest since the itemization date (34(c)(2)(viii))': 'interest',
  'fees since the itemization date (34(c)(2)(viii))': 'fees',
  'payments and credits since the itemization date (34(c)(2)(viii))': 'paymentsAndCredits',
  'current amount of the debt (34(c)(2)(ix))': 'currentAmount',
  'validation period end date (34(c)(3))': 'periodEndsOn',
} as const;

/**
 * What a rendered message lacks of what the law requires of it, each named with its paragraph of
 * 12 CFR 1006; empty when it is complete:
 * - an e-mail or a text says how to opt out of that medium (1006.6(e));
 * - every message from a debt collector says so, the first also that it attempts to collect a debt and
 *   what information is for (1006.18(e)); one from a creditor collecting its own debt says neither;
 * - the validation notice shows each element of 1006.34(c) and its prompts: a tear-off form by letter,
 *   the equivalent prompts by e-mail (1006.34(c)(4));
 * - a remedy notice names its remedy (1006.6(c)(2)(ii), (iii)); an original-creditor notice, the
 *   original creditor's name and address (1006.38(c));
 * - the time-barred paragraph where the state requires it (1006.26).
 */
export function missingElements(message: RenderedMessage, expected: MessageExpectations): string[] {
  const text = `${message.subject}\n${message.body}`;
  const said = phrasesIn(message.language);
  const missing: string[] = [];
  const optOutOwed = expected.channel === 'email' || expected.channel === 'sms';
  if (optOutOwed && !(text.includes(optOutLinkMarker) || text.includes(optOutPath))) missing.push('opt-out link (1006.6(e))');
  // The disclosure rendered is the initial one (1006.18(e)(1)) or the later one ((e)(2)), as the message is.
  const disclosure = expected.values.disclosure;
  const disclosed = disclosure !== undefined && disclosure.includes(said.laterDisclosure) && text.includes(disclosure);
  if (expected.debtCollector && !disclosed) missing.push('debt-collector disclosure (1006.18(e))');
  if (!expected.debtCollector && text.includes(said.laterDisclosure)) missing.push('no debt-collector disclosure from a first-party creditor (1006.18(e))');
  const timeBarred = expected.values.timeBarredDisclosure;
  if (expected.timeBarredDisclosure && !(timeBarred && text.includes(timeBarred))) missing.push('time-barred disclosure (1006.26)');
  if (expected.templateId === 'validation-notice') missing.push(...missingValidationElements(text, expected, message.language));
  const shows = (variable: keyof MessageValues) => {
    const value = expected.values[variable];
    return value !== undefined && value !== '' && text.includes(value);
  };
  if (expected.templateId === 'remedy-notice' && !shows('remedy')) missing.push('the remedy specified (1006.6(c)(2)(ii), (iii))');
  if (expected.templateId === 'original-creditor' && !(shows('originalCreditorName') && shows('originalCreditorAddress'))) {
    missing.push('the original creditor’s name and address (1006.38(c))');
  }
  return missing;
}

function missingValidationElements(text: string, { channel, values }: MessageExpectations, language: string): string[] {
  const said = phrasesIn(language);
  const missing = Object.entries(validationElements).flatMap(([element, variable]) => {
    const value = values[variable];
    return value && text.includes(value) ? [] : [element];
  });
  if (!text.includes(said.disputePrompt)) missing.push('how to dispute (34(c)(4)(i))');
  if (!text.includes(said.originalCreditorPrompt)) missing.push('how to request the original creditor (34(c)(4)(ii))');
  if (channel === 'letter' && !text.includes('[ ]')) missing.push('tear-off response form (34(c)(4))');
  return missing;
}

/**
 * Words that threaten action or demand payment by a date (1006.38(b)): a template using them is an
 * escalation and must say so, so that it waits for the validation period to end. Stating a due date
 * the contract set ("is due on") is not a demand; "pay … by" a date is.
 */
const threats: readonly RegExp[] = [
  /legal action|lawsuit|\bcourt\b|attorney|\bagency\b|credit (bureau|report)|final notice|further action|garnish|\bimmediately\b/i,
  /\bpay\b[^.\n]*\bby\b|within \d+ days/i,
  /acci[oó]n(es)? legal(es)?|tribunal|abogad[oa]|agencia|aviso final|otras medidas|embargo|inmediatamente/i,
  /\bpag(ar|ue)\b[^.\n]*\bantes del?\b|dentro de \d+ d[ií]as/i,
];

/** Words that name a legal action: a suit, a court, a judgment, a lawyer, a garnishment (English and Spanish). */
const legalAction =
  /legal action|lawsuit|\bsu(e|ed|ing)\b|\bcourts?\b|attorney|lawyer|judge?ment|garnish|acci[oó]n(es)? legal(es)?|demanda|tribunal|juicio|abogad[oa]|embargo/i;

/** Whether a text names a legal action, which a time-barred debt must not be threatened with (1006.26(b)). */
export const namesLegalAction = (text: string): boolean => legalAction.test(text);

/** The words of a template's text that threaten action or demand payment by a date. */
export function threateningWords(template: Pick<NoticeTemplate, 'subject' | 'body'>): string[] {
  const text = `${template.subject}\n${template.body}`;
  return threats.flatMap((pattern) => {
    const found = pattern.exec(text);
    return found ? [found[0]] : [];
  });
}

/** Why a template must be declared an escalation and is not (1006.38(b)); empty when it is sound. */
export function overshadowingProblems(template: NoticeTemplate): string[] {
  if (template.escalation) return [];
  return threateningWords(template).map(
    (words) =>
      `${template.id} (${template.channel}, ${template.language}) says "${words}": it threatens action or demands payment by a date, so it must be declared an escalation (1006.38(b))`,
  );
}
