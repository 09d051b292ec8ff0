import type { AccountRead } from '../../api/schemas';

/** What every form recording on an account gets: the account, and what to call once it changed. */
export interface ActionProps {
  account: AccountRead;
  onChange: () => void;
}

/** A fresh id for a new promise, plan, dispute or hold: ids are the client's, so a retried request is recognised. */
export const newId = (kind: string) => `${kind}-${crypto.randomUUID().slice(0, 8)}`;
