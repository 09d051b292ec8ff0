export const actorRoles = ['agent', 'supervisor', 'auditor', 'analyst', 'system'] as const;
export type ActorRole = (typeof actorRoles)[number];

/** Who sends a command and under which request: becomes every event's metadata. */
export interface CommandContext {
  correlationId: string;
  /** This request's own id: the cause of the events it appends. */
  causationId: string;
  actor: { id: string; role: ActorRole };
  /** The creditors the actor may act for (`*`: all). Other creditors' accounts answer as absent. */
  creditors: readonly string[] | '*';
  /** Scoped to the actor, so two clients' keys never collide. */
  idempotencyKey: string | undefined;
  /** From `If-Match`: the revision the client last saw. */
  expectedRevision: bigint | undefined;
}

/** Whether an actor whose token names these creditors (or `*`) may act for this one. */
export const mayActFor = ({ creditors }: { creditors: readonly string[] | '*' }, creditorId: string) => creditors === '*' || creditors.includes(creditorId);
