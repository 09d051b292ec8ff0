import { Inject, Injectable } from '@nestjs/common';
import { policyFor, stricterPolicy, type ContactPolicies, type ContactPolicy } from '@arrears/domain';
import { APP_CONFIG, type AppConfig } from '@arrears/platform';

/** The contact rule sets from `CONTACT_POLICIES`, checked at boot: none may be looser than Regulation F. */
@Injectable()
export class ContactPoliciesInForce {
  readonly policies: ContactPolicies;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { default: defaults = {}, ...byCreditor } = config.contactPolicies;
    const base = stricterPolicy(defaults);
    this.policies = {
      default: base,
      byCreditor: Object.fromEntries(Object.entries(byCreditor).map(([creditorId, overrides]) => [creditorId, stricterPolicy({ ...base, ...overrides })])),
    };
  }

  policyFor(creditorId: string): ContactPolicy {
    return policyFor(this.policies, creditorId);
  }
}
