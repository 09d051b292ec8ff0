import type { CreditorScope } from './creditor-scope';

export const actorRoles = ['agent', 'supervisor', 'auditor', 'analyst', 'system'] as const;
export type ActorRole = (typeof actorRoles)[number];
/** Who may call: a token's role, or the debtor, on the portal (by a link we sent them and its second factor) and by an opt-out link. */
export const callerRoles = [...actorRoles, 'debtor'] as const;
export type CallerRole = (typeof callerRoles)[number];

/** Who sends a command and under which request: becomes every event's metadata. */
export interface CommandContext extends CreditorScope {
  correlationId: string;
  /** This request's own id: the cause of the events it appends. */
  causationId: string;
  /** A token's holder, or the debtor themself where they act by a link we sent them (an opt-out). */
  actor: { id: string; role: CallerRole };
  /** Scoped to the actor, so two clients' keys never collide. */
  idempotencyKey: string | undefined;
  /** From `If-Match`: the revision the client last saw. */
  expectedRevision: bigint | undefined;
}
