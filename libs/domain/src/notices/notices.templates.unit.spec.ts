import { demoCreditorProfile, type CreditorProfile } from '../compliance/creditor-profile';
import { missingElements, overshadowingProblems, threateningWords } from './notices.checks';
import { optOutLinkMarker, phrases, portalLinkMarker } from './notices.phrases';
import { everyEventHistory } from '../account/every-event.fixtures';
import { evolve } from '../account/account.evolve';
import { initialAccountState } from '../account/account.state';
import { regulationF, type ContactPolicies } from '../compliance/contact-policy';
import { factsOf, sampleToday } from './notices.samples';
import { formatDate, valuesFor } from './notices.render';
import { renderSample, templateSetProblems } from './notices.template-checks';
import { notInvitingPayment, paragraphTemplateIds, templateFor, type NoticeTemplate } from './notices.templates';
import { defaultTemplates } from './templates/default-templates';

/*
 * Every shipped template, rendered for every channel and language it exists in, for a debt collector
 * and for a creditor collecting its own debts, as the initial communication and a later one, with and
 * without the time-barred paragraph; each rendering is checked for what 12 CFR 1006 requires of it.
 */
const messages = defaultTemplates.filter((template) => !paragraphTemplateIds.includes(template.id));
const named = (template: NoticeTemplate) => `${template.id} (${template.channel}, ${template.language}, v${template.version})`;
const firstParty: CreditorProfile = { creditor: demoCreditorProfile.creditor, debtCollector: false };

/** Every template id the strategies and the other capabilities name, with the channels each must go by. */
const required: Record<string, string[]> = {
  'payment-reminder': ['email', 'letter'],
  'payment-reminder-sms': ['sms'],
  'past-due-sms': ['sms'],
  'final-notice': ['email', 'letter'],
  'validation-notice': ['email', 'letter'],
  'efforts-terminated': ['email', 'letter'],
  'remedy-notice': ['email', 'letter'],
  'blocked-medium-reply': ['email', 'sms', 'letter'],
  'original-creditor': ['email', 'letter'],
  'resolution-confirmation': ['email', 'sms', 'letter'],
  'time-barred-disclosure': ['email', 'sms', 'letter'],
};
/** Reminders and the validation notice are written in Spanish as well as English. */
const inSpanish = ['payment-reminder', 'payment-reminder-sms', 'past-due-sms', 'validation-notice'];

describe('the shipped templates', () => {
  it.each(Object.entries(required))('has %s for each channel it goes by: %j', (id, channels) => {
    for (const channel of channels) expect(templateFor(defaultTemplates, id, channel as never, 'en')).toMatchObject({ id, channel, language: 'en' });
    if (inSpanish.includes(id))
      for (const channel of channels) expect(templateFor(defaultTemplates, id, channel as never, 'es')).toMatchObject({ language: 'es' });
  });

  it('are sound as a set: shapes, variables, English fallbacks, escalations declared, every element present', () => {
    expect(templateSetProblems(defaultTemplates, 'defaultTemplates')).toEqual([]);
  });

  it('invite payment by the portal in reminders, never after a cease request (1006.6(c)) or on a resolved account (1006.18(b)(2)(i))', () => {
    expect(templateFor(defaultTemplates, 'payment-reminder', 'email', 'en')?.body).toContain(portalLinkMarker);
    for (const id of ['efforts-terminated', 'remedy-notice', 'resolution-confirmation']) {
      expect(notInvitingPayment).toContain(id);
      const sent = defaultTemplates.filter((template) => template.id === id);
      expect(sent.length).toBeGreaterThan(0);
      for (const template of sent) expect(renderSample(template, defaultTemplates).message.body).not.toContain(portalLinkMarker);
    }
  });

  it('never offers the validation notice by text: it goes by letter or e-mail only (1006.34, 1006.42)', () => {
    expect(
      defaultTemplates
        .filter((template) => template.id === 'validation-notice')
        .map((template) => template.channel)
        .sort(),
    ).toEqual(['email', 'email', 'letter', 'letter']);
  });
});

describe.each(messages.map((template) => [named(template), template] as const))('%s, rendered', (_, template) => {
  const said = phrases[template.language] ?? phrases.en;

  it('from a debt collector, as the initial communication: lacks nothing, and says it attempts to collect a debt (1006.18(e)(1))', () => {
    const { message, missing } = renderSample(template, defaultTemplates);
    expect(missing).toEqual([]);
    expect(message.body).toContain(said?.initialDisclosure);
    expect(message).toMatchObject({ templateId: template.id, version: template.version, language: template.language });
    expect(message.body).not.toMatch(/\{\{(?!optOutUrl\}\}|portalUrl\}\})\w+\}\}/);
  });

  it('from a debt collector, later: lacks nothing, and says it is from a debt collector (1006.18(e)(2))', () => {
    const { message, missing } = renderSample(template, defaultTemplates, { initial: false });
    expect(missing).toEqual([]);
    expect(message.body).toContain(said?.laterDisclosure);
    expect(message.body).not.toContain(said?.initialDisclosure);
  });

  it('from a creditor collecting its own debts: no debt-collector disclosure, which would be false (1006.18(e), 15 U.S.C. 1692a(6))', () => {
    const { message, missing } = renderSample(template, defaultTemplates, { profile: firstParty });
    expect(missing).toEqual([]);
    expect(message.body).not.toContain(said?.laterDisclosure);
  });

  it('where the state requires it: includes the time-barred paragraph (1006.26)', () => {
    const { message, missing } = renderSample(template, defaultTemplates, { timeBarredDisclosure: true });
    expect(missing).toEqual([]);
    expect(message.body).toContain(templateFor(defaultTemplates, 'time-barred-disclosure', template.channel, template.language)?.body.slice(0, 20));
  });

  const { channel } = template;
  if (channel === 'email' || channel === 'sms') {
    it('carries a clear opt-out link for its medium (1006.6(e))', () => {
      const { message } = renderSample(template, defaultTemplates);
      expect(message.body).toContain(said?.optOut[channel]);
      expect(message.body).toContain(optOutLinkMarker);
    });
  } else {
    it('is a letter: no opt-out link (1006.6(e) covers electronic media only)', () => {
      expect(renderSample(template, defaultTemplates).message.body).not.toContain(optOutLinkMarker);
    });
  }

  if (template.channel === 'sms') {
    it('is short enough for a text, once its link is signed (about 60 characters more)', () => {
      expect(renderSample(template, defaultTemplates, { timeBarredDisclosure: true }).message.body.length).toBeLessThanOrEqual(480);
      expect(template.subject).toBe('');
    });
  }

  it(
    template.escalation
      ? 'is declared an escalation, and so waits for the validation period to end'
      : 'neither threatens action nor demands payment by a date (1006.38(b))',
    () => {
      expect(overshadowingProblems(template)).toEqual([]);
      if (!template.escalation) expect(threateningWords(template)).toEqual([]);
    },
  );
});

describe('the validation notice shows every element of the model form (1006.34(c))', () => {
  const notices = messages.filter((template) => template.id === 'validation-notice');

  it.each(notices.map((template) => [named(template), template] as const))('%s', (_, template) => {
    const { message } = renderSample(template, defaultTemplates);
    const spanish = template.language === 'es';
    for (const shown of [
      'Arrears Demo Collections',
      '100 Main Street, Suite 200, Springfield, IL 62701, US',
      'Alex Sample',
      '1 Sample Street, Albany, NY 12207, US',
      'Arrears Demo Creditor',
      '0042',
      formatDate('2026-02-01', template.language),
      'USD 120.00',
      'USD 3.00',
      'USD 5.00',
      'USD 3.00 (',
      'USD 125.00',
      formatDate('2026-04-13', template.language),
    ]) {
      expect(message.body).toContain(shown);
    }
    expect(message.body).not.toContain('sample-account-0042');
    expect(message.body).toContain(spanish ? 'acreedor original' : 'original creditor');
    if (template.channel === 'letter') expect(message.body).toContain(spanish ? 'desprenda' : 'detach and mail this part');
    else expect(message.body).toContain(spanish ? '¿Cómo desea responder?' : 'How do you want to respond?');
  });

  it('names each missing element when the itemization is not known', () => {
    const template = templateFor(defaultTemplates, 'validation-notice', 'letter', 'en') as NoticeTemplate;
    const { message } = renderSample(template, defaultTemplates);
    const expected = { templateId: 'validation-notice', channel: 'letter' as const, debtCollector: true, timeBarredDisclosure: false };
    expect(missingElements(message, { ...expected, values: { collectorName: 'Somebody Else' } })).toEqual(
      expect.arrayContaining(['debt collector name (34(c)(2)(i))', 'itemization date (34(c)(2)(vi))', 'validation period end date (34(c)(3))']),
    );
  });
});

describe('the checks catch a template that breaks a rule', () => {
  const reminder = templateFor(defaultTemplates, 'payment-reminder', 'email', 'en') as NoticeTemplate;

  it('an e-mail without its opt-out (1006.6(e))', () => {
    const bare = { ...reminder, body: reminder.body.replace('{{optOut}}', '') };
    expect(renderSample(bare, defaultTemplates).missing).toEqual(['opt-out link (1006.6(e))']);
  });

  it('a message from a debt collector without the disclosure (1006.18(e))', () => {
    const bare = { ...reminder, body: reminder.body.replace('{{disclosure}}', '') };
    expect(renderSample(bare, defaultTemplates).missing).toEqual(['debt-collector disclosure (1006.18(e))']);
  });

  it('a first-party creditor’s message claiming to be from a debt collector', () => {
    const claiming = { ...reminder, body: `${reminder.body}\nThis communication is from a debt collector.` };
    expect(renderSample(claiming, defaultTemplates, { profile: firstParty }).missing).toEqual([
      'no debt-collector disclosure from a first-party creditor (1006.18(e))',
    ]);
  });

  it('a remedy notice that does not name its remedy (1006.6(c)(2)), an answer without the original creditor (1006.38(c))', () => {
    const remedy = templateFor(defaultTemplates, 'remedy-notice', 'letter', 'en') as NoticeTemplate;
    expect(renderSample({ ...remedy, body: remedy.body.replace('{{remedy}}', 'a remedy') }, defaultTemplates).missing).toEqual([
      'the remedy specified (1006.6(c)(2)(ii), (iii))',
    ]);
    const answer = templateFor(defaultTemplates, 'original-creditor', 'letter', 'en') as NoticeTemplate;
    expect(renderSample({ ...answer, body: answer.body.replace('{{originalCreditorAddress}}', '') }, defaultTemplates).missing).toEqual([
      'the original creditor’s name and address (1006.38(c))',
    ]);
  });

  it('a message without the time-barred paragraph the state requires (1006.26)', () => {
    const bare = { ...reminder, body: reminder.body.replace('{{timeBarredDisclosure}}', '') };
    expect(renderSample(bare, defaultTemplates, { timeBarredDisclosure: true }).missing).toEqual(['time-barred disclosure (1006.26)']);
  });

  it.each([
    ['a threat of legal action', 'We may take legal action.', 'legal action'],
    ['a "final notice"', 'FINAL NOTICE.', 'FINAL NOTICE'],
    ['a threat of "further action"', 'Pay now or face further action.', 'further action'],
    ['a placement with an agency', 'Your account will go to an agency.', 'agency'],
    ['a demand for payment by a date', 'You must pay the balance by {{periodEndsOn}}.', 'pay the balance by'],
    ['a deadline in days', 'Settle within 10 days.', 'within 10 days'],
    ['the same in Spanish', 'Este es un aviso final.', 'aviso final'],
    ['a Spanish demand by a date', 'Debe pagar antes del {{dueOn}}.', 'pagar antes del'],
  ])('text with %s, not declared an escalation (1006.38(b))', (_, sentence, words) => {
    const threatening = { ...reminder, body: `${reminder.body}\n${sentence}` };
    expect(overshadowingProblems(threatening)).toEqual([expect.stringContaining(`says "${words}"`)]);
    expect(overshadowingProblems({ ...threatening, escalation: true })).toEqual([]);
  });

  it('stating the contract’s due date is not a demand by a date', () => {
    expect(threateningWords({ subject: 'Payment reminder', body: 'Invoice 1 is due on March 1, 2026. To pay, contact us.' })).toEqual([]);
  });

  it('a configured set: unknown variables, a language without its English version, bad shapes', () => {
    const spanishOnly = { ...reminder, id: 'promo', language: 'es', body: `${reminder.body} {{secretCode}}` };
    expect(templateSetProblems([...defaultTemplates, spanishOnly], 'NOTICE_TEMPLATES_FILE')).toEqual([
      'NOTICE_TEMPLATES_FILE: promo (email, es) has no English version to fall back to',
      'NOTICE_TEMPLATES_FILE: promo (email, es) names unknown variables: secretCode',
    ]);
    expect(templateSetProblems([{ ...reminder, channel: 'call', version: 0, color: 'red' }], 'T')).toEqual([
      'T[0].version must be a positive integer',
      'T[0].channel must be one of email, sms, letter',
      'T[0] has unknown fields: color',
    ]);
    expect(templateSetProblems({}, 'T')).toEqual(['T must be a non-empty array of templates']);
  });

  it('a configured notice after a cease request that invites payment is refused (1006.6(c)(1))', () => {
    const terminated = templateFor(defaultTemplates, 'efforts-terminated', 'email', 'en') as NoticeTemplate;
    const inviting = { ...terminated, body: `${terminated.body}\nPay online: ${portalLinkMarker}` };
    expect(templateSetProblems([...defaultTemplates.filter((template) => template !== terminated), inviting], 'T')).toEqual([
      'T: efforts-terminated (email, en) invites payment ({{portalUrl}}), which it must not (12 CFR 1006.6(c), 1006.18(b)(2)(i))',
    ]);
  });
});

describe('lookup and formatting', () => {
  it('falls back to English for a language no template is written in', () => {
    expect(templateFor(defaultTemplates, 'payment-reminder', 'email', 'fr')?.language).toBe('en');
    expect(templateFor(defaultTemplates, 'efforts-terminated', 'letter', 'es')?.language).toBe('en');
    expect(templateFor(defaultTemplates, 'validation-notice', 'sms', 'en')).toBeUndefined();
  });

  it('writes a calendar date in the debtor’s language, never shifted by a time zone', () => {
    expect(formatDate('2026-03-01', 'en')).toBe('March 1, 2026');
    expect(formatDate('2026-03-01', 'es')).toBe('1 de marzo de 2026');
    expect(formatDate('2026-12-31', 'en')).toBe('December 31, 2026');
  });
});

describe('a message reads an account without its payment and reversal registries (a preview leaves them out of its read)', () => {
  const policies: ContactPolicies = {
    default: regulationF,
    byCreditor: {},
    profiles: { default: demoCreditorProfile, byCreditor: {} },
    templates: defaultTemplates,
  };

  it('every shipped template says the same with and without them, after every account event type', () => {
    let account = initialAccountState();
    for (const event of everyEventHistory) {
      account = evolve(account, event);
      if (account.status === 'unopened') continue;
      const whole = account;
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the registries are named only to be left out
      const { payments: _payments, reversalIds: _reversalIds, ...slim } = account;
      for (const template of defaultTemplates) {
        const request = { templateId: template.id, channel: template.channel, facts: factsOf(whole, sampleToday), timeBarredDisclosure: true };
        expect(valuesFor({ account: slim, policies, today: sampleToday }, { ...request, facts: factsOf(slim, sampleToday) }, template)).toEqual(
          valuesFor({ account: whole, policies, today: sampleToday }, request, template),
        );
      }
    }
  });
});
