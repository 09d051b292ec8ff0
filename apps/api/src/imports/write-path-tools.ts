import { Backends } from '@arrears/backends';
import { ContactPoliciesInForce, OptOutLinks } from '@arrears/commands';
import { loadChainKey } from '@arrears/event-store';
import { RandomIdGenerator, runningEmbeddedPostgres, type AppConfig, type Clock } from '@arrears/platform';
import type { ImportTools } from './ledger-importer';

/** The stores opened outside the service, and what its write path needs of them. */
export interface WritePathTools {
  backends: Backends;
  tools: ImportTools;
  policiesInForce: ContactPoliciesInForce;
}

/**
 * For a command-line tool writing through the service's write path (the ledger import, the
 * simulator): on the configured stores, on the embedded database of a running service, or on an
 * embedded one started here, on `clock`. The caller closes `backends`.
 */
export async function openWritePath(config: AppConfig, clock: Clock): Promise<WritePathTools> {
  const eventStoreUrl = config.eventStoreUrl ?? (await runningEmbeddedPostgres(config.dataDir));
  const ids = new RandomIdGenerator();
  const chainKey = await loadChainKey(config);
  const backends = await Backends.open({ ...config, eventStoreUrl }, clock, ids);
  const policiesInForce = new ContactPoliciesInForce(config);
  const links = new OptOutLinks(chainKey, config.publicUrl);
  const tools = { eventStore: backends.eventStore, vault: backends.vault, chainKey, clock, ids, policies: policiesInForce.policies, links };
  return { backends, tools, policiesInForce };
}
