import { deciderSpecification } from '@arrears/testing';
import type { AccountEvent } from '../account/account.events';
import { accountDecider, command, opened } from '../account/account.fixtures';
import type { ClaimAccount, ReleaseAccountClaim } from './worklist.commands';

const spec = deciderSpecification(accountDecider);
const at = '2026-03-02T10:00:00.000Z';
const claim = (agentId: string, minutes = 30, now = at) => command<ClaimAccount>('ClaimAccount', { agentId, minutes }, now);
const release = (agentId: string, now = at) => command<ReleaseAccountClaim>('ReleaseAccountClaim', { agentId }, now);
const claimed = (agentId: string, until: string): AccountEvent => ({ type: 'AccountClaimed', data: { agentId, until } });

describe('ClaimAccount', () => {
  it('gives the account to an agent for the minutes asked', () => {
    spec
      .given([opened])
      .when(claim('agent-1', 30))
      .then([claimed('agent-1', '2026-03-02T10:30:00.000Z')]);
  });
  it('refuses another agent while the claim runs, saying who holds it and until when', () => {
    spec
      .given([opened, claimed('agent-1', '2026-03-02T10:30:00.000Z')])
      .when(claim('agent-2', 30, '2026-03-02T10:29:59.999Z'))
      .thenThrows('ACCOUNT_CLAIMED', { agentId: 'agent-1', until: '2026-03-02T10:30:00.000Z' });
  });
  it('lets another agent claim once the claim has lapsed', () => {
    spec
      .given([opened, claimed('agent-1', '2026-03-02T10:30:00.000Z')])
      .when(claim('agent-2', 10, '2026-03-02T10:30:00.000Z'))
      .then([claimed('agent-2', '2026-03-02T10:40:00.000Z')]);
  });
  it('extends the claimer’s own claim', () => {
    spec
      .given([opened, claimed('agent-1', '2026-03-02T10:30:00.000Z')])
      .when(claim('agent-1', 60))
      .then([claimed('agent-1', '2026-03-02T11:00:00.000Z')]);
  });
  it.each([0, -5, 1.5, 481])('refuses a claim of %p minutes', (minutes) => {
    spec.given([opened]).when(claim('agent-1', minutes)).thenThrows('INVALID_CLAIM_DURATION');
  });
  it('refuses on an account that does not exist', () => {
    spec.given([]).when(claim('agent-1')).thenThrows('ACCOUNT_NOT_FOUND');
  });
});

describe('ReleaseAccountClaim', () => {
  it('lets the claimer release the account', () => {
    spec
      .given([opened, claimed('agent-1', '2026-03-02T10:30:00.000Z')])
      .when(release('agent-1'))
      .then([{ type: 'AccountClaimReleased', data: { agentId: 'agent-1' } }]);
  });
  it('refuses another agent', () => {
    spec
      .given([opened, claimed('agent-1', '2026-03-02T10:30:00.000Z')])
      .when(release('agent-2'))
      .thenThrows('NOT_CLAIMED_BY_AGENT');
  });
  it('refuses when the claim has already lapsed', () => {
    spec
      .given([opened, claimed('agent-1', '2026-03-02T10:30:00.000Z')])
      .when(release('agent-1', '2026-03-02T11:00:00.000Z'))
      .thenThrows('NOT_CLAIMED_BY_AGENT');
  });
  it('lets a new claim follow a release', () => {
    spec
      .given([opened, claimed('agent-1', '2026-03-02T10:30:00.000Z'), { type: 'AccountClaimReleased', data: { agentId: 'agent-1' } }])
      .when(claim('agent-2', 30))
      .then([claimed('agent-2', '2026-03-02T10:30:00.000Z')]);
  });
});
