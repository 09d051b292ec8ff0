import { ParseEnumPipe } from '@nestjs/common';
import { contactChannels, replyChannels, type ContactChannel, type ReplyChannel } from '@arrears/domain';
import { accountCommand, type CommandDeclarations } from '../command-handling/account-command.declaration';
import { BlockedMediumReplyRequest, CeaseNoticeRequest, FlagHardshipRequest, PlaceHoldRequest } from './restrictions.requests';

const enumPipe = (values: readonly string[]) => new ParseEnumPipe(Object.fromEntries(values.map((value) => [value, value])));
const channelPipe = { channel: enumPipe(contactChannels) };
const agentWork = ['agent', 'supervisor'] as const;

/** What pauses or limits collection: the debtor's requests, hardship and holds. */
export const restrictionsCommands: CommandDeclarations = {
  ceaseCommunication: accountCommand({
    route: 'POST /accounts/:accountId/cease',
    roles: agentWork,
    summary: 'Record the debtor’s request that communication cease',
    status: 200,
    command: () => ({ type: 'RequestCeaseCommunication', data: {} }),
  }),
  sendCeaseNotice: accountCommand({
    route: 'POST /accounts/:accountId/cease/notices',
    roles: agentWork,
    summary: 'After a cease request, send one of the notices 1006.6(c)(2) allows (efforts end; a remedy may or will be invoked), each once',
    status: 201,
    request: CeaseNoticeRequest,
    command: ({ request: { kind, remedy, channel }, policies }) => ({
      type: 'SendCeaseNotice',
      data: { kind, ...(remedy !== undefined && { remedy }), channel, policies },
    }),
  }),
  replyOnBlockedMedium: accountCommand({
    route: 'POST /accounts/:accountId/channels/:channel/reply',
    roles: agentWork,
    summary: 'Reply once, by a blocked medium, to the debtor’s contact by it (1006.14(h)(2)(ii)); a second reply to the same contact is refused',
    status: 201,
    pipes: { channel: enumPipe(replyChannels) },
    request: BlockedMediumReplyRequest,
    optionalBody: true,
    command: ({ params, request: { inboundAt }, policies }) => ({
      type: 'ReplyOnBlockedMedium',
      data: { channel: params.channel as ReplyChannel, ...(inboundAt && { inboundAt }), policies },
    }),
  }),

  blockChannel: accountCommand({
    route: 'POST /accounts/:accountId/channels/:channel/block',
    roles: agentWork,
    summary: 'Block a channel at the debtor’s request',
    status: 200,
    pipes: channelPipe,
    command: ({ params }) => ({ type: 'BlockChannel', data: { channel: params.channel as ContactChannel } }),
  }),

  unblockChannel: accountCommand({
    route: 'POST /accounts/:accountId/channels/:channel/unblock',
    roles: agentWork,
    summary: 'Unblock a channel',
    status: 200,
    pipes: channelPipe,
    command: ({ params }) => ({ type: 'UnblockChannel', data: { channel: params.channel as ContactChannel } }),
  }),

  flagHardship: accountCommand({
    route: 'POST /accounts/:accountId/hardship',
    roles: agentWork,
    summary: 'Flag financial hardship',
    status: 200,
    request: FlagHardshipRequest,
    optionalBody: true,
    command: ({ request }) => ({ type: 'FlagHardship', data: { ...(request.note && { note: request.note }) } }),
  }),

  placeHold: accountCommand({
    route: 'POST /accounts/:accountId/holds',
    roles: ['supervisor'],
    summary: 'Put the account on hold through a date',
    status: 201,
    request: PlaceHoldRequest,
    command: ({ request: { holdId, reason, until } }) => ({ type: 'PlaceHold', data: { holdId, reason, until } }),
  }),

  releaseHold: accountCommand({
    route: 'POST /accounts/:accountId/holds/:holdId/release',
    roles: ['supervisor'],
    summary: 'Release a hold before its end',
    status: 200,
    command: ({ params }) => ({ type: 'ReleaseHold', data: { holdId: params.holdId } }),
  }),
};
