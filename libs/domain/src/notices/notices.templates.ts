import type { ContactChannel } from '../compliance/contact-policy';
import { defaultTemplates } from './templates/default-templates';
import type { NoticeTemplate } from './notice-template';

export { messageChannels, notInvitingPayment, type MessageChannel, type NoticeTemplate } from './notice-template';

/** A paragraph other templates include (as `{{timeBarredDisclosure}}`), not a message of its own. */
export const paragraphTemplateIds: readonly string[] = ['time-barred-disclosure'];

/** The language a message falls back to when none is written in the debtor's. */
export const fallbackLanguage = 'en';

/**
 * The template for a message: in the debtor's language when one is written in it, else in English;
 * undefined when the template does not exist for that channel at all.
 */
export function templateFor(
  templates: readonly NoticeTemplate[],
  id: string,
  channel: ContactChannel,
  language: string | undefined,
): NoticeTemplate | undefined {
  const candidates = templates.filter((template) => template.id === id && template.channel === channel);
  return candidates.find((template) => template.language === language) ?? candidates.find((template) => template.language === fallbackLanguage);
}

/** The templates in force: those configured, else the shipped set. */
export const templatesIn = (policies: { templates?: readonly NoticeTemplate[] }): readonly NoticeTemplate[] => policies.templates ?? defaultTemplates;

/** The `{{variables}}` a text names, each once, in order of appearance. */
export function variablesOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] as string))];
}
