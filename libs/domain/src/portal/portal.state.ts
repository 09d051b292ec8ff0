/** What the account keeps of its portal links: the ones revoked, locked, and wrong answers in a row. */
export interface PortalState {
  revoked: Record<string, true>;
  /** Every link issued up to this instant is revoked. */
  revokedBefore: string | null;
  locked: Record<string, true>;
  failures: Record<string, number>;
}

export const noPortalActivity: PortalState = { revoked: {}, revokedBefore: null, locked: {}, failures: {} };
