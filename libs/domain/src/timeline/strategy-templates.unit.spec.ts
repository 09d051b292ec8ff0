import { defaultTemplates } from '../notices/templates/default-templates';
import { defaultTimelines, standardStrategy, type CollectionStrategy, type TimelineStep } from './strategy';
import { strategyTemplateProblems } from './strategy-templates';

const withSteps = (...steps: TimelineStep[]) => {
  const strategy: CollectionStrategy = { strategyId: 'own', steps };
  return { ...defaultTimelines, strategies: { ...defaultTimelines.strategies, own: strategy } };
};

describe('the strategies against the templates in force', () => {
  it('finds nothing wrong with the shipped strategies and templates', () => {
    expect(strategyTemplateProblems(defaultTimelines, defaultTemplates)).toEqual([]);
  });
  it('refuses a step naming a template that does not go by its channel: it would go out without its text', () => {
    const textReminder: TimelineStep = { step: 'text', from: 'dueOn', days: -2, action: { kind: 'notify', channel: 'sms', template: 'payment-reminder' } };
    expect(strategyTemplateProblems(withSteps(textReminder), defaultTemplates)).toEqual(['strategy own step text: no template payment-reminder goes by sms']);
  });
  it('refuses a final notice not marked an escalation: it would overshadow the validation period (1006.38(b))', () => {
    const finalNotice = standardStrategy.steps.find(({ step }) => step === 'final_notice') as TimelineStep;
    const unmarked: TimelineStep = { step: finalNotice.step, from: finalNotice.from, days: finalNotice.days, action: finalNotice.action };
    expect(strategyTemplateProblems(withSteps(unmarked), defaultTemplates)).toEqual([
      'strategy own step final_notice: template final-notice is an escalation, so the step must be marked escalation: true (1006.38(b), 1006.26(b))',
    ]);
  });
});
