import type { CommandContext } from '@arrears/commands';
import { ProblemException } from '@arrears/platform';

/**
 * The agent a claim or release is for. An agent acts only as themself (the token says who they are,
 * whatever the body names); a supervisor may act for another agent, and the event then records the
 * supervisor as its actor and the agent in its data.
 */
export function claimingAgent(named: string | undefined, { actor }: CommandContext): string {
  if (named === undefined || named === actor.id) return actor.id;
  if (actor.role === 'supervisor') return named;
  throw new ProblemException(403, 'AGENT_NOT_ALLOWED', 'Forbidden', `An agent claims and releases accounts only as themself, not as ${named}.`, {
    agentId: named,
  });
}
