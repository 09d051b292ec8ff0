import type { Evolvers } from '../account/capability';
import type { OpenedAccount } from '../account/account.state';
import { countsTowardCallFrequency, isConversation } from '../compliance/call-window';
import { inboundOnBlockedKept, recentCallsKept, type InteractionsState } from './interactions.state';
import type { ContactAttempted, InteractionsEvent } from './interactions.events';

export const interactionsEvolvers: Evolvers<InteractionsEvent> = {
  ContactAttempted: (account, event) => ({ ...account, interactions: withContact(account, event.data) }),
  NoteAdded: (account) => account,
  ValidationNoticeSent: (account, event) => {
    const { sentAt, periodEndsOn, receivedOn } = event.data;
    const interactions = { ...account.interactions, firstCommunicationAt: account.interactions.firstCommunicationAt ?? sentAt };
    return { ...account, interactions, validationNotice: { sentAt, periodEndsOn, ...(receivedOn && { receivedOn }) } };
  },
  PreferredContactTimeRecorded: (account, event) => ({ ...account, interactions: { ...account.interactions, preferredContactTime: event.data } }),
  ElectronicDeliveryConsentRecorded: (account, event) => ({ ...account, interactions: { ...account.interactions, electronicDelivery: event.data } }),
  CallConsentRecorded: (account, event) => {
    const { givenAt, through } = event.data;
    return { ...account, interactions: { ...account.interactions, callConsent: { givenAt, through } } };
  },
};

function withContact(account: OpenedAccount, contact: ContactAttempted['data']): InteractionsState {
  const { channel, direction, outcome, at } = contact;
  const previous = account.interactions;
  const outbound = direction === 'outbound';
  const isCall = channel === 'call';
  const conversation = isConversation(channel, outcome);
  const counted = outbound && isCall && countsTowardCallFrequency(account, outcome, at);
  // A debtor who asked that a medium not be used and then uses it may be answered once by it (1006.14(h)(2)(ii)).
  const onBlocked = !outbound && account.restrictions.blockedChannels.includes(channel);
  const later = (a: string | null, b: string) => (a && Date.parse(a) > Date.parse(b) ? a : b);
  const earlier = (a: string | null, b: string) => (a && Date.parse(a) < Date.parse(b) ? a : b);
  return {
    ...previous,
    recentCalls: counted ? [...previous.recentCalls, at].sort((a, b) => Date.parse(a) - Date.parse(b)).slice(-recentCallsKept) : previous.recentCalls,
    lastConversationAt: conversation ? later(previous.lastConversationAt, at) : previous.lastConversationAt,
    firstCommunicationAt: outbound || conversation ? earlier(previous.firstCommunicationAt, at) : previous.firstCommunicationAt,
    lastContact: previous.lastContact && Date.parse(previous.lastContact.at) > Date.parse(at) ? previous.lastContact : { at, channel, outcome },
    inboundOnBlocked: onBlocked ? [...previous.inboundOnBlocked, { channel, at }].slice(-inboundOnBlockedKept) : previous.inboundOnBlocked,
    callsMade: (previous.callsMade ?? 0) + (outbound && isCall ? 1 : 0),
    callsAnswered: (previous.callsAnswered ?? 0) + (outbound && conversation ? 1 : 0),
  };
}
