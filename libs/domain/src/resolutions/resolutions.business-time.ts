import { addDays } from '../calendar/calendar';
import type { BusinessTimes } from '../account/capability';
import type { ResolutionsEvent } from './resolutions.events';

/** When each resolutions fact happened (see BusinessTime): a settlement lapses the day after its date. */
export const resolutionsBusinessTimes: BusinessTimes<ResolutionsEvent> = {
  SettlementAgreed: () => 'command',
  SettlementOffered: () => 'command',
  SettlementCompleted: () => 'command',
  SettlementLapsed: (_event, before) => (before?.activeSettlement ? { date: addDays(before.activeSettlement.dueOn, 1) } : 'command'),
  DebtWrittenOff: () => 'command',
  PlacedWithAgency: (event) => ({ date: event.data.placedOn }),
  RecalledFromAgency: () => 'command',
  EscalatedToLegal: (event) => ({ date: event.data.escalatedOn }),
  ResolutionConfirmationRequested: (event) => ({ date: event.data.requestedOn }),
};
