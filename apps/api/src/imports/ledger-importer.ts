import { LedgerImport, SealAndChain, type ImportCaller, type LedgerImportOptions, type OptOutLinks } from '@arrears/commands';
import type { ContactPolicies } from '@arrears/domain';
import type { ChainKey, EventStore } from '@arrears/event-store';
import type { PersonalDataVault } from '@arrears/personal-data';
import type { Clock, IdGenerator } from '@arrears/platform';

/** What an import is made with: the stores, the chain key, the clock, and the contact rules in force. */
export interface ImportTools {
  eventStore: EventStore;
  vault: PersonalDataVault;
  chainKey: ChainKey;
  clock: Clock;
  ids: IdGenerator;
  policies: ContactPolicies;
  links: OptOutLinks;
}

/** One import of one file, by one caller. */
export function ledgerImport(
  tools: ImportTools,
  caller: ImportCaller,
  importId: string,
  bytesTotal: number | null,
  options?: LedgerImportOptions,
): LedgerImport {
  const sealer = new SealAndChain(tools.vault, tools.ids, tools.chainKey, tools.links);
  return new LedgerImport(tools.eventStore, sealer, tools.clock, tools.policies, caller, importId, bytesTotal, options);
}
