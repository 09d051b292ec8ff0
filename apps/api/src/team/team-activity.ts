import { Inject, Injectable } from '@nestjs/common';
import { entryOf } from '@arrears/domain';
import {
  teamActivityReadModel,
  teamDayId,
  teamRosterId,
  worklistReadModel,
  type AgentDay,
  type TeamDayDocument,
  type TeamRosterDocument,
  type WorklistDocument,
} from '@arrears/projections';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import type { TeamAgentLine } from './team.responses';

/** The team's figures: the day's activity and the assignments from the team read model, claims from the worklist lines. */
@Injectable()
export class TeamActivity {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  async agents(creditorId: string, date: string, now: string): Promise<TeamAgentLine[]> {
    const [day, roster, claims] = await Promise.all([
      this.readStore.get(teamActivityReadModel.collection, teamDayId(creditorId, date)) as Promise<TeamDayDocument | null>,
      this.readStore.get(teamActivityReadModel.collection, teamRosterId(creditorId)) as Promise<TeamRosterDocument | null>,
      this.claimsNow(creditorId, now),
    ]);
    const activity = day?.agents ?? {};
    const assigned = roster?.assigned ?? {};
    const agentIds = [...new Set([...Object.keys(activity), ...Object.keys(assigned), ...claims.keys()])].sort();
    return agentIds.map((agentId) => teamLine(agentId, claims.get(agentId) ?? 0, entryOf(assigned, agentId) ?? 0, entryOf(activity, agentId)));
  }

  /** Unexpired claims by agent: worklist lines keep each account's latest claim. */
  private async claimsNow(creditorId: string, now: string): Promise<Map<string, number>> {
    const lines = (await this.readStore.find(worklistReadModel.collection, {
      where: [
        { field: 'creditorId', op: 'eq', value: creditorId },
        { field: 'claimUntil', op: 'gt', value: now },
      ],
      omit: ['contact', 'openInvoices'],
    })) as WorklistDocument[];
    const counts = new Map<string, number>();
    for (const { claimAgentId } of lines) if (claimAgentId) counts.set(claimAgentId, (counts.get(claimAgentId) ?? 0) + 1);
    return counts;
  }
}

const teamLine = (agentId: string, claimedNow: number, assigned: number, day: AgentDay | undefined): TeamAgentLine => ({
  agentId,
  claimedNow,
  assigned,
  contacts: day?.contacts ?? 0,
  promisesTaken: day?.promisesTaken ?? 0,
  promisesKept: day?.promisesKept ?? 0,
  promisesBroken: day?.promisesBroken ?? 0,
});
