import { entryOf } from '../lookup/entry-of';
import { profileFor, type CreditorProfiles } from './creditor-profile';
import type { NoticeTemplate } from '../notices/notice-template';
/** The ways an account's debtor can be contacted. */
export const contactChannels = ['call', 'sms', 'email', 'letter', 'visit'] as const;
export type ContactChannel = (typeof contactChannels)[number];

/**
 * The numbers a contact rule set works with. Regulation F's are the default; a creditor may be held
 * to stricter ones (Massachusetts allows 2 calls per 7 days per debt), never to looser ones.
 */
export interface ContactPolicy {
  /** Call attempts allowed about one debt within 7 consecutive days (12 CFR 1006.14(b)(2)(i)). */
  maxCallsIn7Days: number;
  /** Days without calls after a telephone conversation, its own day counting as the first (1006.14(b)(2)(ii)). */
  quietDaysAfterConversation: number;
  /** Local time in which contact is convenient, in minutes after midnight: [from, until), `until` itself refused (1006.6(b)(1)(i)). */
  contactHours: { from: number; until: number };
  /** Days after the first communication by which the validation notice must have gone out (1006.34). */
  validationNoticeDays: number;
  /**
   * Whether the creditor's accounts are collected by a debt collector (its profile's `debtCollector`),
   * which `policyFor` fills in; absent means they are, and every duty of Regulation F applies.
   */
  debtCollector?: boolean;
}

export const regulationF: ContactPolicy = {
  maxCallsIn7Days: 7,
  quietDaysAfterConversation: 7,
  contactHours: { from: 8 * 60, until: 21 * 60 },
  validationNoticeDays: 5,
};

/** A policy from `overrides` on Regulation F's, or the reason it would loosen the law. */
export function stricterPolicy(overrides: Partial<ContactPolicy>): ContactPolicy {
  const policy = { ...regulationF, ...overrides, contactHours: { ...regulationF.contactHours, ...overrides.contactHours } };
  const looser =
    policy.maxCallsIn7Days > regulationF.maxCallsIn7Days ||
    policy.quietDaysAfterConversation < regulationF.quietDaysAfterConversation ||
    policy.contactHours.from < regulationF.contactHours.from ||
    policy.contactHours.until > regulationF.contactHours.until ||
    policy.contactHours.from >= policy.contactHours.until ||
    policy.validationNoticeDays > regulationF.validationNoticeDays;
  const whole = [policy.maxCallsIn7Days, policy.quietDaysAfterConversation, policy.validationNoticeDays].every((n) => Number.isInteger(n) && n >= 0);
  if (looser || !whole) throw new Error(`A contact policy may only be stricter than Regulation F's: ${JSON.stringify(overrides)}`);
  return policy;
}

/**
 * The rule sets in force: Regulation F's (or a stricter default) and stricter ones for some creditors,
 * who each creditor is (the demo profile when not told: see `profileFor`), and the message templates
 * (the shipped set when not told: see `templatesIn`).
 */
export interface ContactPolicies {
  default: ContactPolicy;
  byCreditor: Record<string, ContactPolicy>;
  profiles?: CreditorProfiles;
  templates?: readonly NoticeTemplate[];
}

export const regulationFEverywhere: ContactPolicies = { default: regulationF, byCreditor: {} };

/** The creditor's rule set, saying whether a debt collector collects for it (so which duties apply). */
export const policyFor = (policies: ContactPolicies, creditorId: string): ContactPolicy => ({
  ...(entryOf(policies.byCreditor, creditorId) ?? policies.default),
  debtCollector: profileFor(policies.profiles, creditorId).debtCollector,
});
