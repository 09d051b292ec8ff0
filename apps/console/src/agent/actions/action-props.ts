import type { AccountRead } from '../../api/schemas';

/** What every form recording on an account gets: the account, and what to call once it changed. */
export interface ActionProps {
  account: AccountRead;
  onChange: () => void;
}
