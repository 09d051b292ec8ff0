import { ParseEnumPipe } from '@nestjs/common';
import { contactChannels, type ContactChannel } from '@arrears/domain';
import { accountCommand, type CommandDeclarations } from '../command-handling/account-command.declaration';
import { FlagHardshipRequest, PlaceHoldRequest } from './restrictions.requests';

const channelPipe = { channel: new ParseEnumPipe(Object.fromEntries(contactChannels.map((channel) => [channel, channel]))) };
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
