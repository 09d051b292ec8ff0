import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTemplates, demoCreditorProfile, templatesIn, type NoticeTemplate } from '@arrears/domain';
import { loadConfig } from '@arrears/platform';
import { ContactPoliciesInForce } from './contact-policies-in-force';

const agency = {
  creditor: { name: 'Acme Utilities', address: { lines: ['2 Power Rd'], city: 'Albany', region: 'NY', postalCode: '12207', country: 'US' } },
  collector: { name: 'Fair Collections LLC', address: { lines: ['9 Court St'], city: 'Albany', region: 'NY', postalCode: '12207', country: 'US' } },
  debtCollector: true,
  jurisdiction: 'US-NY',
};
const inForce = (profiles: unknown) => new ContactPoliciesInForce(loadConfig({ CREDITOR_PROFILES: JSON.stringify(profiles) }));

describe('creditor profiles in force (CREDITOR_PROFILES)', () => {
  it('given none, every creditor has the demo profile: a debt collector', () => {
    expect(new ContactPoliciesInForce(loadConfig({})).profileFor('cred-1')).toEqual(demoCreditorProfile);
  });

  it('given a profile for one creditor and a default, each creditor has its own', () => {
    const firstParty = { creditor: agency.creditor, debtCollector: false };
    const policies = inForce({ 'cred-ny': agency, default: firstParty });
    expect(policies.profileFor('cred-ny')).toEqual(agency);
    expect(policies.profileFor('cred-other')).toEqual(firstParty);
  });

  it('refuses at boot a profile without a creditor address, naming the field', () => {
    expect(() => inForce({ 'cred-1': { creditor: { name: 'X' }, debtCollector: true } })).toThrow(/CREDITOR_PROFILES\.cred-1\.creditor\.address/);
  });

  it('refuses a jurisdiction that is not a US state, and a debtCollector that is not a boolean', () => {
    expect(() => inForce({ 'cred-1': { ...agency, jurisdiction: 'NY' } })).toThrow(/jurisdiction must be a US state/);
    expect(() => inForce({ 'cred-1': { ...agency, debtCollector: 'yes' } })).toThrow(/debtCollector must be true or false/);
  });
});

describe('message templates in force (NOTICE_TEMPLATES_FILE)', () => {
  const withFile = (templates: unknown) => {
    const file = join(mkdtempSync(join(tmpdir(), 'arrears-templates-')), 'templates.json');
    writeFileSync(file, JSON.stringify(templates));
    return new ContactPoliciesInForce(loadConfig({ NOTICE_TEMPLATES_FILE: file }));
  };
  const reminder = defaultTemplates.find(
    (template) => template.id === 'payment-reminder' && template.channel === 'email' && template.language === 'en',
  ) as NoticeTemplate;

  it('given none, the shipped set is in force', () => {
    expect(templatesIn(new ContactPoliciesInForce(loadConfig({})).policies)).toBe(defaultTemplates);
  });

  /** The shipped set with the e-mail reminder replaced: a set in force keeps every template the service sends by itself. */
  const replacing = (template: NoticeTemplate) => defaultTemplates.map((shipped) => (shipped === reminder ? template : shipped));

  it('given a sound set, it is in force instead', () => {
    const own = replacing({ ...reminder, version: 2, subject: 'Reminder from Acme: {{amountDue}}' });
    expect(templatesIn(withFile(own).policies)).toEqual(own);
  });

  it('refuses at boot a set without a template the service sends by itself, such as the validation notice', () => {
    expect(() => withFile(defaultTemplates.filter((template) => !(template.id === 'validation-notice' && template.channel === 'email')))).toThrow(
      /lacks validation-notice \(email, en\), which the service sends/,
    );
  });

  it('refuses at boot a template that would drop the time-barred paragraph a state requires (1006.26), or claim a first party collects debts', () => {
    expect(() => withFile(replacing({ ...reminder, body: reminder.body.replace('{{timeBarredDisclosure}}', '') }))).toThrow(
      /payment-reminder \(email, en\) on a time-barred debt lacks: time-barred disclosure/,
    );
    expect(() => withFile(replacing({ ...reminder, body: `This communication is from a debt collector.\n${reminder.body}` }))).toThrow(
      /payment-reminder \(email, en\) from a creditor collecting its own debt lacks/,
    );
  });

  it('refuses at boot an e-mail without its opt-out, and a threat not declared an escalation, naming the template', () => {
    expect(() => withFile(replacing({ ...reminder, body: reminder.body.replace('{{optOut}}', '') }))).toThrow(
      /payment-reminder \(email, en\) lacks: opt-out link \(1006\.6\(e\)\)/,
    );
    expect(() => withFile(replacing({ ...reminder, body: `${reminder.body}\nFinal notice before legal action.` }))).toThrow(
      /must be declared an escalation \(1006\.38\(b\)\)/,
    );
  });

  it('refuses a file that is not JSON, or not a set of templates', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'arrears-templates-')), 'broken.json');
    writeFileSync(file, '{not json');
    expect(() => loadConfig({ NOTICE_TEMPLATES_FILE: file })).toThrow(/NOTICE_TEMPLATES_FILE must name a readable JSON file/);
    expect(() => loadConfig({ NOTICE_TEMPLATES_FILE: join(tmpdir(), 'no-such-templates.json') })).toThrow(/NOTICE_TEMPLATES_FILE/);
    expect(() => withFile({ templates: [] })).toThrow(/NOTICE_TEMPLATES_FILE must be a non-empty array of templates/);
  });
});
