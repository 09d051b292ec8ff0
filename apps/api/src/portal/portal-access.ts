import { Inject, Injectable } from '@nestjs/common';
import { foldAccount, type PortalLink } from '@arrears/commands';
import { accountStream, notFound, requireUsableLink, type OpenedAccount } from '@arrears/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@arrears/event-store';
import { Clock } from '@arrears/platform';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal';
import { PortalSessions } from './portal-sessions';

/** The account a portal request is about, as its stream stands: its state and its events (personal data opened). */
export interface PortalAccount {
  link: PortalLink;
  account: OpenedAccount;
  events: RecordedEvent[];
}

const admitted = new WeakMap<FastifyRequest, PortalAccount>();

/**
 * Admits a request to `/portal/api`: its portal token verified, and the link it was opened by still
 * usable (not revoked, locked or expired since), read from the account's events on every request,
 * so a revocation takes effect on the next one. The account read is kept for the route.
 */
@Injectable()
export class PortalAccess {
  constructor(
    private readonly sessions: PortalSessions,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async admit(request: FastifyRequest): Promise<Principal> {
    const { principal, link } = await this.sessions.verify(request.headers.authorization);
    admitted.set(request, await this.load(link));
    return principal;
  }

  /** The account a link opens, refused as the OpenPortal decision would refuse the link. */
  async load(link: PortalLink): Promise<PortalAccount> {
    const events = await this.store.readStream(accountStream(link.accountId));
    const state = foldAccount(events);
    if (state.status === 'unopened') throw notFound('ACCOUNT_NOT_FOUND', 'The account does not exist.');
    requireUsableLink(state, link, this.clock.now().toISOString());
    return { link, account: state, events };
  }
}

/** The account the guard admitted this request for. */
export function portalAccountFor(request: FastifyRequest): PortalAccount {
  const account = admitted.get(request);
  if (!account) throw new Error('No portal account on this request: is the route under /portal/api?');
  return account;
}
