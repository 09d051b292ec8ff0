import type { RestrictionsCommand } from '@arrears/domain';
import { type CapabilityReach, http, policies, scheduler } from '../command-handling/command-reach.fixtures';

/** How each field of the restrictions commands is set from outside (see every-field-reachable.unit.spec.ts). */
export const restrictionsReach: CapabilityReach<RestrictionsCommand> = {
  RequestCeaseCommunication: { fields: {}, made: [http('POST /accounts/:accountId/cease')] },
  BlockChannel: { fields: { channel: true }, made: [http('POST /accounts/:accountId/channels/:channel/block', undefined, { channel: 'sms' })] },
  UnblockChannel: { fields: { channel: true }, made: [http('POST /accounts/:accountId/channels/:channel/unblock', undefined, { channel: 'sms' })] },
  FlagHardship: { fields: { note: true }, made: [http('POST /accounts/:accountId/hardship', { note: 'Lost job' })] },
  PlaceHold: {
    fields: { holdId: true, reason: true, until: true },
    made: [http('POST /accounts/:accountId/holds', { holdId: 'hold-1', reason: 'Bereavement', until: '2026-01-20' })],
  },
  ReleaseHold: {
    fields: { holdId: true, expired: true },
    made: [
      http('POST /accounts/:accountId/holds/:holdId/release', undefined, { holdId: 'hold-1' }),
      scheduler([{ type: 'PlaceHold', data: { holdId: 'hold-1', reason: 'Bereavement', until: '2026-01-20' } }]),
    ],
  },
  SendCeaseNotice: {
    fields: { kind: true, remedy: true, channel: true, policies },
    made: [http('POST /accounts/:accountId/cease/notices', { kind: 'remedy_intended', remedy: 'A lawsuit to collect the debt', channel: 'letter' })],
  },
  ReplyOnBlockedMedium: {
    fields: { channel: true, inboundAt: true, policies },
    made: [http('POST /accounts/:accountId/channels/:channel/reply', { inboundAt: '2026-01-05T15:00:00Z' }, { channel: 'email' })],
  },
};
