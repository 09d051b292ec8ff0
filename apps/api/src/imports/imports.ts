import { createReadStream } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ContactPoliciesInForce, OptOutLinks, type ImportProgress, type LedgerImport } from '@arrears/commands';
import { notFound } from '@arrears/domain';
import { CHAIN_KEY, EVENT_STORE, type ChainKey, type EventStore } from '@arrears/event-store';
import { PersonalDataVault } from '@arrears/personal-data';
import { Clock, IdGenerator } from '@arrears/platform';
import type { Principal } from '../auth/principal';
import { ledgerImport, type ImportTools } from './ledger-importer';
import type { SpooledLedger } from './ledger-upload';

/** Imports remembered for GET /imports/:id; the oldest finished ones are forgotten first. */
const rememberedImports = 100;

interface RunningImport {
  importer: LedgerImport;
  /** Who may see it: the creditors the importer acted for. */
  creditors: Principal['creditors'];
}

/**
 * The ledger imports this process runs, each in the background from its spooled file: started by
 * POST /imports, followed by GET /imports/:id. Progress lives in this process; an import cut short
 * (a restart) is resumed by posting the same file again, which skips what is already there.
 */
@Injectable()
export class Imports {
  private readonly logger = new Logger('Imports');
  private readonly imports = new Map<string, RunningImport>();
  private readonly tools: ImportTools;

  constructor(
    @Inject(EVENT_STORE) eventStore: EventStore,
    vault: PersonalDataVault,
    @Inject(CHAIN_KEY) chainKey: ChainKey,
    clock: Clock,
    private readonly ids: IdGenerator,
    policies: ContactPoliciesInForce,
    links: OptOutLinks,
  ) {
    this.tools = { eventStore, vault, chainKey, clock, ids, policies: policies.policies, links };
  }

  start(ledger: SpooledLedger, caller: Principal, correlationId: string): ImportProgress {
    const importId = this.ids.uuid();
    const actor = { id: caller.id, role: caller.role };
    const importer = ledgerImport(this.tools, { correlationId, causationId: importId, actor, creditors: caller.creditors }, importId, ledger.bytes);
    this.remember(importId, { importer, creditors: caller.creditors });
    void importer
      .run(createReadStream(ledger.path, { highWaterMark: 1 << 20 }), ledger.format)
      .then((finished) => {
        this.logger.log(`Import ${importId} ${finished.status}: ${finished.linesApplied} lines applied, ${finished.linesRefused} refused.`);
      })
      .finally(() => ledger.remove());
    return importer.current;
  }

  /** An import the caller may see: one made for creditors they act for. */
  progress(importId: string, caller: Principal): ImportProgress {
    const found = this.imports.get(importId);
    if (!found || !covers(caller.creditors, found.creditors)) throw notFound('IMPORT_NOT_FOUND', `No import ${importId}.`, { importId });
    return found.importer.current;
  }

  private remember(importId: string, running: RunningImport): void {
    this.imports.set(importId, running);
    for (const [id, { importer }] of this.imports) {
      if (this.imports.size <= rememberedImports) return;
      if (importer.current.status !== 'running') this.imports.delete(id);
    }
  }
}

const covers = (caller: Principal['creditors'], needed: Principal['creditors']) =>
  caller === '*' || (needed !== '*' && needed.every((creditorId) => caller.includes(creditorId)));
