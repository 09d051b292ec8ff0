import { entryOf } from '../lookup/entry-of';
import type { PostalAddress } from '../accounts/debtor';
import { planOfferPolicyProblems, type PlanOfferPolicy } from '../plans/plan-offer-policy';

/** Who collects a creditor's debts, as notices must name them (12 CFR 1006.34(c)(2)(i)). */
export interface CollectorIdentity {
  name: string;
  address: PostalAddress;
  /** Where the debtor can reach the collector (shown in notices when known). */
  phone?: string;
  email?: string;
  website?: string;
}

/**
 * What the rules need to know about a creditor: who it is, who collects for it, and whether the
 * FDCPA and Regulation F cover its accounts. A creditor collecting its own debts is not a debt
 * collector (15 U.S.C. 1692a(6)): no debt-collector disclosure and no validation notice are owed.
 */
export interface CreditorProfile {
  /** The creditor to whom the debt is owed (1006.34(c)(2)(iii)). */
  creditor: CollectorIdentity;
  /** The debt collector, when one collects; absent when the creditor collects itself. */
  collector?: CollectorIdentity;
  /** True where the accounts are collected by a debt collector (an agency, a debt buyer): Regulation F's duties of collectors apply. */
  debtCollector: boolean;
  /** The US state whose law applies when the debtor's address names none (ISO 3166-2, e.g. `US-NY`). */
  jurisdiction?: string;
  /** What a dispute received after the validation period does: pause collection of the debt (the default) or be recorded only. */
  disputesAfterValidationPeriod?: 'pause_collection' | 'record_only';
  /** The plans debtors may accept on the portal (`defaultPlanOfferPolicy` when absent). */
  planOffers?: PlanOfferPolicy;
}

/** The profiles in force: a default and one per creditor. */
export interface CreditorProfiles {
  default: CreditorProfile;
  byCreditor: Record<string, CreditorProfile>;
}

/** The profile the embedded default runs with: a debt collector, so every duty of Regulation F applies. */
export const demoCreditorProfile: CreditorProfile = {
  creditor: { name: 'Arrears Demo Creditor', address: { lines: ['1 Example Plaza'], city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' } },
  collector: {
    name: 'Arrears Demo Collections',
    address: { lines: ['100 Main Street, Suite 200'], city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
    phone: '+1 217 555 0100',
    email: 'help@collections.example',
    website: 'https://collections.example',
  },
  debtCollector: true,
};

export const demoCreditorProfiles: CreditorProfiles = { default: demoCreditorProfile, byCreditor: {} };

export const profileFor = (profiles: CreditorProfiles | undefined, creditorId: string): CreditorProfile =>
  (profiles && (entryOf(profiles.byCreditor, creditorId) ?? profiles.default)) ?? demoCreditorProfile;

/** Who the debtor deals with: the collector when there is one, else the creditor. */
export const collectorOf = (profile: CreditorProfile): CollectorIdentity => profile.collector ?? profile.creditor;

const text = (value: unknown) => typeof value === 'string' && value.trim().length > 0 && value.length <= 200;
const state = /^US-[A-Z]{2}$/;

function identityProblems(value: unknown, path: string): string[] {
  if (!value || typeof value !== 'object') return [`${path} must be an object with name and address`];
  const identity = value as Record<string, unknown>;
  const problems = text(identity.name) ? [] : [`${path}.name must be a non-empty string`];
  const address = identity.address as Record<string, unknown> | undefined;
  const lines = address?.lines;
  if (
    !address ||
    !Array.isArray(lines) ||
    !lines.length ||
    !lines.every(text) ||
    !text(address.city) ||
    typeof address.country !== 'string' ||
    !/^[A-Z]{2}$/.test(address.country)
  ) {
    problems.push(`${path}.address must have lines, city and a two-letter country`);
  }
  for (const field of ['phone', 'email', 'website'] as const)
    if (identity[field] !== undefined && !text(identity[field])) problems.push(`${path}.${field} must be a string`);
  return problems;
}

/** A profile's problems as configured, each naming its field; empty when sound. */
export function creditorProfileProblems(value: unknown, path: string): string[] {
  if (!value || typeof value !== 'object') return [`${path} must be an object`];
  const profile = value as Record<string, unknown>;
  const problems = identityProblems(profile.creditor, `${path}.creditor`);
  if (profile.collector !== undefined) problems.push(...identityProblems(profile.collector, `${path}.collector`));
  if (typeof profile.debtCollector !== 'boolean') problems.push(`${path}.debtCollector must be true or false`);
  if (profile.jurisdiction !== undefined && (typeof profile.jurisdiction !== 'string' || !state.test(profile.jurisdiction)))
    problems.push(`${path}.jurisdiction must be a US state such as US-NY`);
  const late = profile.disputesAfterValidationPeriod;
  if (late !== undefined && late !== 'pause_collection' && late !== 'record_only') {
    problems.push(`${path}.disputesAfterValidationPeriod must be pause_collection or record_only`);
  }
  if (profile.planOffers !== undefined) problems.push(...planOfferPolicyProblems(profile.planOffers, `${path}.planOffers`));
  return problems;
}
