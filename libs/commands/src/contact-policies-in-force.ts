import { Inject, Injectable } from '@nestjs/common';
import {
  creditorProfileProblems,
  demoCreditorProfile,
  policyFor,
  profileFor,
  stricterPolicy,
  templateSetProblems,
  type NoticeTemplate,
  type ContactPolicies,
  type ContactPolicy,
  type CreditorProfile,
  type CreditorProfiles,
} from '@arrears/domain';
import { APP_CONFIG, type AppConfig } from '@arrears/platform';

/**
 * The contact rule sets from `CONTACT_POLICIES`, checked at boot: none may be looser than Regulation F;
 * who each creditor is, from `CREDITOR_PROFILES`, and the message templates, from `NOTICE_TEMPLATES_FILE`
 * (else the shipped set), checked at boot too.
 */
@Injectable()
export class ContactPoliciesInForce {
  readonly policies: ContactPolicies;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { default: defaults = {}, ...byCreditor } = config.contactPolicies;
    const base = stricterPolicy(defaults);
    this.policies = {
      default: base,
      byCreditor: Object.fromEntries(Object.entries(byCreditor).map(([creditorId, overrides]) => [creditorId, stricterPolicy({ ...base, ...overrides })])),
      profiles: creditorProfilesOf(config.creditorProfiles),
      ...(config.noticeTemplates !== undefined && { templates: noticeTemplatesOf(config.noticeTemplates) }),
    };
  }

  policyFor(creditorId: string): ContactPolicy {
    return policyFor(this.policies, creditorId);
  }

  profileFor(creditorId: string): CreditorProfile {
    return profileFor(this.policies.profiles, creditorId);
  }
}

function creditorProfilesOf(configured: Record<string, unknown>): CreditorProfiles {
  const problems = Object.entries(configured).flatMap(([id, profile]) => creditorProfileProblems(profile, `CREDITOR_PROFILES.${id}`));
  if (problems.length) throw new Error(`CREDITOR_PROFILES is not valid: ${problems.join('; ')}`);
  const { default: defaults = demoCreditorProfile, ...byCreditor } = configured as Record<string, CreditorProfile>;
  return { default: defaults, byCreditor };
}

/**
 * Configured templates, refused at boot when any lacks what the law requires of its messages (opt-out,
 * disclosure, the validation notice's elements) or threatens action undeclared (see templateSetProblems).
 */
function noticeTemplatesOf(configured: unknown): NoticeTemplate[] {
  const problems = templateSetProblems(configured, 'NOTICE_TEMPLATES_FILE');
  if (problems.length) throw new Error(`NOTICE_TEMPLATES_FILE is not valid: ${problems.join('; ')}`);
  return configured as NoticeTemplate[];
}
