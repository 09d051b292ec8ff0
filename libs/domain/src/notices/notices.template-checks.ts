import { regulationF, type ContactPolicies } from '../compliance/contact-policy';
import { demoCreditorProfile, type CreditorProfile } from '../compliance/creditor-profile';
import type { RenderedMessage } from './notices.events';
import { missingElements, overshadowingProblems } from './notices.checks';
import { messageVariables, renderTemplate, valuesFor, type MessageRequest } from './notices.render';
import { sampleAccount, sampleFacts, sampleToday } from './notices.samples';
import { portalLinkMarker } from './notices.phrases';
import {
  fallbackLanguage,
  messageChannels,
  notInvitingPayment,
  paragraphTemplateIds,
  templateFor,
  variablesOf,
  type NoticeTemplate,
} from './notices.templates';
import { defaultTemplates } from './templates/default-templates';

/**
 * The templates the code itself sends, whatever the strategies say: the validation notice, the notices
 * after a cease request, the original creditor's name, the confirmation of a resolution, the reply on a
 * blocked medium, and the time-barred paragraph. A set that replaces the shipped one keeps each of them
 * for every channel the shipped one has it in, in English, or a message would go out without its text.
 */
const sentByTheCode = [
  'validation-notice',
  'efforts-terminated',
  'remedy-notice',
  'original-creditor',
  'resolution-confirmation',
  'blocked-medium-reply',
  'time-barred-disclosure',
];
const requiredTemplates = defaultTemplates.filter((template) => template.language === fallbackLanguage && sentByTheCode.includes(template.id));

/** A creditor collecting its own debts: its messages must not claim to be from a debt collector (1006.18(e) reversed). */
const firstParty: CreditorProfile = { ...demoCreditorProfile, debtCollector: false };

/** A template rendered with sample data for a creditor profile, and what it lacks. */
export interface SampleRendering {
  message: RenderedMessage;
  missing: string[];
}

/** Renders a template with the sample account for `profile` (a debt collector by default), and checks the result. */
export function renderSample(template: NoticeTemplate, templates: readonly NoticeTemplate[], options: SampleOptions = {}): SampleRendering {
  const { profile = demoCreditorProfile, timeBarredDisclosure = false, initial = true } = options;
  const account = sampleAccount(template.language);
  const sent = initial ? account : { ...account, validationNotice: { sentAt: `${sampleToday}T14:00:00Z`, periodEndsOn: sampleFacts.periodEndsOn as string } };
  const policies: ContactPolicies = { default: regulationF, byCreditor: {}, profiles: { default: profile, byCreditor: {} }, templates };
  const request: MessageRequest = { templateId: template.id, channel: template.channel, facts: sampleFacts, timeBarredDisclosure };
  const values = valuesFor({ account: sent, policies, today: sampleToday }, request, template);
  const message = renderTemplate(template, values);
  return {
    message,
    missing: missingElements(message, {
      templateId: template.id,
      channel: template.channel,
      debtCollector: profile.debtCollector,
      values,
      timeBarredDisclosure,
    }),
  };
}

export interface SampleOptions {
  profile?: CreditorProfile;
  timeBarredDisclosure?: boolean;
  /** The initial communication (the validation notice not sent yet), which owes the fuller disclosure. */
  initial?: boolean;
}

const known: ReadonlySet<string> = new Set(messageVariables);
const language = /^[a-z]{2}$/;

/**
 * A configured template set's problems, each naming the template: its shape, unknown variables, a
 * template twice, one without the English version that every other language falls back to, text that
 * threatens action without being declared an escalation (1006.38(b)), an invitation to pay where none may
 * be (see `notInvitingPayment`), and, rendered with sample data,
 * any element the law requires that it lacks (see `missingElements`). Empty when the set is sound.
 */
export function templateSetProblems(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || value.length === 0) return [`${path} must be a non-empty array of templates`];
  const shapeProblems = value.flatMap((template, index) => shapeProblemsOf(template, `${path}[${index}]`));
  if (shapeProblems.length) return shapeProblems;
  const templates = value as NoticeTemplate[];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const template of templates) {
    const name = `${path}: ${template.id} (${template.channel}, ${template.language})`;
    const key = `${template.id}|${template.channel}|${template.language}`;
    if (seen.has(key)) problems.push(`${name} appears twice`);
    seen.add(key);
    if (!templates.some((other) => other.id === template.id && other.channel === template.channel && other.language === fallbackLanguage)) {
      problems.push(`${name} has no English version to fall back to`);
    }
    const unknown = variablesOf(`${template.subject}\n${template.body}`).filter((variable) => !known.has(variable));
    if (unknown.length) problems.push(`${name} names unknown variables: ${unknown.join(', ')}`);
    problems.push(...overshadowingProblems(template).map((problem) => `${path}: ${problem}`));
    if (notInvitingPayment.includes(template.id) && invitesPayment(template, templates))
      problems.push(`${name} invites payment (${portalLinkMarker}), which it must not (12 CFR 1006.6(c), 1006.18(b)(2)(i))`);
    if (!paragraphTemplateIds.includes(template.id)) problems.push(...renderingProblems(template, templates, name));
  }
  for (const { id, channel } of requiredTemplates) {
    if (!templateFor(templates, id, channel, fallbackLanguage)) problems.push(`${path} lacks ${id} (${channel}, en), which the service sends`);
  }
  return problems;
}

/** Whether a template, rendered with what it includes (the time-barred paragraph), carries the portal's link. */
function invitesPayment(template: NoticeTemplate, templates: readonly NoticeTemplate[]): boolean {
  const { message } = renderSample(template, templates, { timeBarredDisclosure: true });
  return `${message.subject}\n${message.body}`.includes(portalLinkMarker);
}

/**
 * What a template lacks, rendered as each kind of message it may become: from a debt collector and from
 * a creditor collecting its own debts, and with the time-barred paragraph a state requires (1006.26).
 */
function renderingProblems(template: NoticeTemplate, templates: readonly NoticeTemplate[], name: string): string[] {
  const variants: [string, SampleOptions][] = [
    ['', {}],
    [' on a time-barred debt', { timeBarredDisclosure: true }],
    [' from a creditor collecting its own debt', { profile: firstParty }],
  ];
  return variants.flatMap(([as, options]) => {
    const { missing } = renderSample(template, templates, options);
    return missing.length ? [`${name}${as} lacks: ${missing.join('; ')}`] : [];
  });
}

function shapeProblemsOf(value: unknown, path: string): string[] {
  if (!value || typeof value !== 'object') return [`${path} must be an object`];
  const template = value as Record<string, unknown>;
  const problems: string[] = [];
  const text = (field: string, max: number, empty = false) => {
    const found = template[field];
    if (typeof found !== 'string' || (!empty && !found.trim()) || found.length > max)
      problems.push(`${path}.${field} must be a string of at most ${max} characters`);
  };
  text('id', 64);
  text('purpose', 500);
  text('subject', 200, true);
  text('body', 20_000);
  if (!Number.isSafeInteger(template.version) || (template.version as number) < 1) problems.push(`${path}.version must be a positive integer`);
  if (!messageChannels.includes(template.channel as never)) problems.push(`${path}.channel must be one of ${messageChannels.join(', ')}`);
  if (typeof template.language !== 'string' || !language.test(template.language)) problems.push(`${path}.language must be a two-letter code such as en`);
  if (template.escalation !== undefined && template.escalation !== true) problems.push(`${path}.escalation must be true or absent`);
  const extra = Object.keys(template).filter((field) => !['id', 'version', 'channel', 'language', 'purpose', 'subject', 'body', 'escalation'].includes(field));
  if (extra.length) problems.push(`${path} has unknown fields: ${extra.join(', ')}`);
  return problems;
}
