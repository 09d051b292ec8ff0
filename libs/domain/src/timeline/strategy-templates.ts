import { fallbackLanguage, templateFor, type NoticeTemplate } from '../notices/notices.templates';
import type { CollectionTimelines } from './strategy';

/**
 * What the strategies' messages lack in the template set in force: a step that names no template for
 * its channel (in English, which every language falls back to) would queue a message without its text;
 * a step whose template threatens action (declared an escalation) but is not itself marked one would
 * go out during the validation period (1006.38(b)) and on a time-barred debt (1006.26(b)).
 */
export function strategyTemplateProblems(timelines: CollectionTimelines, templates: readonly NoticeTemplate[]): string[] {
  return Object.values(timelines.strategies).flatMap(({ strategyId, steps }) =>
    steps.flatMap((step) => {
      if (step.action.kind !== 'notify') return [];
      const { template, channel } = step.action;
      const where = `strategy ${strategyId} step ${step.step}`;
      if (!templateFor(templates, template, channel, fallbackLanguage)) return [`${where}: no template ${template} goes by ${channel}`];
      const threatens = templates.some((candidate) => candidate.id === template && candidate.escalation === true);
      return threatens && step.escalation !== true
        ? [`${where}: template ${template} is an escalation, so the step must be marked escalation: true (1006.38(b), 1006.26(b))`]
        : [];
    }),
  );
}
