import { demoCreditorProfile } from '@arrears/domain';
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
