import { deciderSpecification } from '@arrears/testing';
import type { AccountEvent } from '../account/account.events';
import { accountDecider, command, issued, opened, openedWithout } from '../account/account.fixtures';
import { regulationFEverywhere } from '../compliance/contact-policy';
import type { AcceptPlanOffer } from '../plans/plans.commands';
import { planOffers, splitEvenly } from '../plans/plan-offers';
import { defaultPlanOfferPolicy } from '../plans/plan-offer-policy';
import type { AcceptSettlementOffer, OfferSettlement } from '../resolutions/resolutions.commands';
import type { IssuePortalLink, OpenPortal, RevokePortalLink } from './portal.commands';
import { normalizedPostalCode, sameSecret } from './second-factor';

const spec = deciderSpecification(accountDecider);
const now = '2026-02-10T15:00:00Z';
const link = { linkId: 'link-1', issuedAt: '2026-02-01T00:00:00.000Z', expiresAt: '2026-03-01T00:00:00.000Z' };
const open = (answer: string, at = now, claims = link) => command<OpenPortal>('OpenPortal', { link: claims, answer }, at);
const failed = (attempt: number): AccountEvent => ({ type: 'PortalSecondFactorFailed', data: { linkId: 'link-1', attempt } });
const billed = [opened, issued('inv-1', 10_000, '2026-01-01', '2026-01-31')];

describe('OpenPortal: the second factor, after the link’s signature', () => {
  it('opens with the postal code on file, however it is typed, and records the access', () => {
    spec
      .given([opened])
      .when(open(' 12207 '))
      .then([{ type: 'PortalAccessed', data: { linkId: 'link-1' } }]);
  });
  it('records a wrong answer, counting those in a row; the fifth locks the link, which then opens nothing', () => {
    spec
      .given([opened])
      .when(open('99999'))
      .then([failed(1)]);
    spec
      .given([opened, failed(1), failed(2), failed(3), failed(4)])
      .when(open('99999'))
      .then([failed(5), { type: 'PortalLinkLocked', data: { linkId: 'link-1', attempts: 5 } }]);
    spec
      .given([opened, failed(1), failed(2), failed(3), failed(4), failed(5), { type: 'PortalLinkLocked', data: { linkId: 'link-1', attempts: 5 } }])
      .when(open('12207'))
      .thenThrows('PORTAL_LINK_LOCKED');
  });
  it('starts counting again after a right answer', () => {
    spec
      .given([opened, failed(1), failed(2), { type: 'PortalAccessed', data: { linkId: 'link-1' } }])
      .when(open('1'))
      .then([failed(1)]);
  });
  it('refuses an expired link, a revoked one, and every link issued before a revocation of all', () => {
    spec.given([opened]).when(open('12207', '2026-03-01T00:00:00Z')).thenThrows('PORTAL_LINK_EXPIRED');
    spec
      .given([opened, { type: 'PortalLinkRevoked', data: { linkId: 'link-1', revokedAt: now } }])
      .when(open('12207'))
      .thenThrows('PORTAL_LINK_REVOKED');
    const revokedAll: AccountEvent = { type: 'PortalLinkRevoked', data: { linkId: null, revokedAt: '2026-02-05T00:00:00Z' } };
    spec.given([opened, revokedAll]).when(open('12207')).thenThrows('PORTAL_LINK_REVOKED');
    spec
      .given([opened, revokedAll])
      .when(open('12207', now, { ...link, linkId: 'link-2', issuedAt: '2026-02-06T00:00:00.000Z' }))
      .then([{ type: 'PortalAccessed', data: { linkId: 'link-2' } }]);
  });
  it('cannot be opened without a postal code on file, nor for an account that does not exist', () => {
    spec
      .given([openedWithout('address')])
      .when(open('12207'))
      .thenThrows('NO_SECOND_FACTOR');
    spec.given([]).when(open('12207')).thenThrows('ACCOUNT_NOT_FOUND');
  });
});

describe('IssuePortalLink and RevokePortalLink', () => {
  it('issues a link good until a later instant, and revokes one or all', () => {
    const issue = (expiresAt: string) => command<IssuePortalLink>('IssuePortalLink', { linkId: 'link-1', issuedAt: now, expiresAt }, now);
    spec
      .given([opened])
      .when(issue(link.expiresAt))
      .then([{ type: 'PortalLinkIssued', data: { linkId: 'link-1', issuedAt: now, expiresAt: link.expiresAt } }]);
    spec.given([opened]).when(issue(now)).thenThrows('PORTAL_LINK_EXPIRY_IN_PAST');
    spec
      .given([opened])
      .when(command<RevokePortalLink>('RevokePortalLink', {}, now))
      .then([{ type: 'PortalLinkRevoked', data: { linkId: null, revokedAt: now } }]);
  });
});

describe('second factor comparison', () => {
  it('compares whole secrets only', () => {
    expect(sameSecret('12207', '12207')).toBe(true);
    for (const other of ['1220', '122070', '12208', '', 'x'.repeat(40)]) expect(sameSecret(other, '12207')).toBe(false);
    expect(normalizedPostalCode('sw1a-1aa')).toBe('SW1A1AA');
  });
});

describe('plan offers and AcceptPlanOffer', () => {
  const policies = regulationFEverywhere;
  const accept = (installmentCount: number) => command<AcceptPlanOffer>('AcceptPlanOffer', { planId: 'plan-1', installmentCount, policies }, now);

  it('splits the balance into installments that add up exactly, the first ones carrying the remainder', () => {
    expect(splitEvenly(10_001, 3)).toEqual([3334, 3334, 3333]);
    expect(splitEvenly(10_001, 3).reduce((a, b) => a + b)).toBe(10_001);
  });
  it('offers only counts whose installments reach the minimum', () => {
    const account = billed.reduce(accountDecider.evolve, accountDecider.initialState());
    if (account.status === 'unopened') throw new Error('opened above');
    const offers = planOffers(account, defaultPlanOfferPolicy, '2026-02-10');
    expect(offers.map((offer) => offer.installmentCount)).toEqual([3]);
    expect(offers[0]?.installments).toEqual([
      { dueOn: '2026-02-17', amount: 3334 },
      { dueOn: '2026-03-19', amount: 3333 },
      { dueOn: '2026-04-18', amount: 3333 },
    ]);
  });
  it('agrees the offered plan under the rules of any plan, and refuses one not offered', () => {
    spec
      .given(billed)
      .when(accept(3))
      .then([
        {
          type: 'PlanAgreed',
          data: {
            planId: 'plan-1',
            currency: 'USD',
            agreedOn: '2026-02-10',
            installments: [
              { number: 1, dueOn: '2026-02-17', amount: 3334 },
              { number: 2, dueOn: '2026-03-19', amount: 3333 },
              { number: 3, dueOn: '2026-04-18', amount: 3333 },
            ],
            covers: [{ invoiceId: 'inv-1', amount: 10_000 }],
          },
        },
      ]);
    spec
      .given(billed)
      .when(accept(12))
      .thenThrows('PLAN_OFFER_NOT_AVAILABLE', { offered: [3] });
  });
});

describe('OfferSettlement and AcceptSettlementOffer', () => {
  const offer = (data: Partial<OfferSettlement['data']> = {}) =>
    command<OfferSettlement>(
      'OfferSettlement',
      { offerId: 'offer-1', amount: 6_000, currency: 'USD', dueOn: '2026-02-28', expiresOn: '2026-02-20', ...data },
      now,
    );
  const offered: AccountEvent = {
    type: 'SettlementOffered',
    data: { offerId: 'offer-1', amount: 6_000, currency: 'USD', dueOn: '2026-02-28', expiresOn: '2026-02-20' },
  };
  const acceptOn = (at: string) => command<AcceptSettlementOffer>('AcceptSettlementOffer', { offerId: 'offer-1' }, at);

  it('offers what a supervisor could agree, until a day no later than its due date', () => {
    spec.given(billed).when(offer()).then([offered]);
    spec
      .given(billed)
      .when(offer({ amount: 10_000 }))
      .thenThrows('SETTLEMENT_NOT_BELOW_BALANCE');
    spec
      .given(billed)
      .when(offer({ expiresOn: '2026-03-01' }))
      .thenThrows('SETTLEMENT_OFFER_EXPIRY_OUT_OF_RANGE');
    spec
      .given([...billed, offered])
      .when(offer())
      .thenThrows('SETTLEMENT_ALREADY_OFFERED');
  });
  it('accepting it agrees the settlement; once only, and not after it expired', () => {
    const agreed: AccountEvent = {
      type: 'SettlementAgreed',
      data: { settlementId: 'offer-1', amount: 6_000, currency: 'USD', dueOn: '2026-02-28', settles: 10_000 },
    };
    spec
      .given([...billed, offered])
      .when(acceptOn(now))
      .then([agreed]);
    spec
      .given([...billed, offered, agreed])
      .when(acceptOn(now))
      .thenThrows('SETTLEMENT_ALREADY_AGREED');
    spec
      .given([...billed, offered])
      .when(acceptOn('2026-02-21T15:00:00Z'))
      .thenThrows('SETTLEMENT_OFFER_EXPIRED');
    spec.given(billed).when(acceptOn(now)).thenThrows('SETTLEMENT_OFFER_NOT_FOUND');
  });
});
