import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { STORED_EVENT_STORE, type EventStore } from '@arrears/event-store';
import { PersonalDataVault } from '@arrears/personal-data';
import { APP_CONFIG, Backoff, Clock, IdGenerator, Metrics, type AppConfig } from '@arrears/platform';
import { READ_STORE, type ReadStore } from '@arrears/read-store';
import { webhookDeadLetterIndexes, WEBHOOK_DEAD_LETTERS, WEBHOOK_SUBSCRIPTIONS } from './webhook-records';
import { WebhookSubscriptions } from './webhook-subscriptions';
import { WebhookWorker } from './webhook-worker';
import { RepeatingTask } from '../repeating-task';

/**
 * Runs a worker per subscription in this process (when RUN_WEBHOOKS is on), each delivering only while
 * it holds its subscription's lease: any number of processes may run them, one delivers each. Every
 * WEBHOOK_POLL_MS the subscriptions are read again: new ones get a worker, disabled ones lose theirs
 * (disabling takes the lease over, so their delivery has stopped already).
 */
@Injectable()
export class WebhookDelivery implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly workers = new Map<string, WebhookWorker>();
  private readonly owner: string;
  private readonly syncs: RepeatingTask;
  private indexed = false;
  /** Where the jitter of retry delays comes from. */
  random: () => number = Math.random;

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(STORED_EVENT_STORE) private readonly events: EventStore,
    private readonly vault: PersonalDataVault,
    private readonly clock: Clock,
    private readonly subscriptions: WebhookSubscriptions,
    ids: IdGenerator,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    this.owner = `webhooks-${ids.uuid()}`;
    const backoff = new Backoff({
      initialMs: config.webhooks.pollMs,
      maxMs: Math.max(config.webhooks.pollMs, 60_000),
      onFirstFailure: (error) => {
        this.logger.error(`Reading the subscriptions failed: ${error instanceof Error ? error.message : String(error)}; trying again with backoff`);
      },
      onRecovery: (failures) => {
        this.logger.log(`The subscriptions are read again, after ${failures} failed tries`);
      },
    });
    this.syncs = new RepeatingTask(() => this.sync(), config.webhooks.pollMs, backoff);
  }

  onApplicationBootstrap(): void {
    if (this.config.webhooks.run) this.syncs.start(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.syncs.stop();
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
  }

  /** Starts a worker for each new subscription and stops those of the disabled ones. */
  async sync(): Promise<void> {
    if (!this.indexed) {
      await this.readStore.ensureIndexes(WEBHOOK_DEAD_LETTERS, webhookDeadLetterIndexes);
      this.indexed = true;
    }
    const subscriptions = await this.readStore.find(WEBHOOK_SUBSCRIPTIONS, { omit: ['secret'] });
    const ids = new Set(subscriptions.filter(({ disabled }) => !disabled).map(({ id }) => id));
    for (const [id, worker] of this.workers) {
      if (ids.has(id)) continue;
      this.workers.delete(id);
      await worker.stop();
    }
    for (const id of ids) {
      if (this.workers.has(id) || this.syncs.stopped()) continue;
      const worker = new WebhookWorker(id, {
        readStore: this.readStore,
        events: this.events,
        vault: this.vault,
        clock: this.clock,
        settings: this.config.webhooks,
        secretOf: (subscription) => this.subscriptions.secretOf(subscription),
        owner: this.owner,
        random: () => this.random(),
        log: (message) => {
          this.logger.warn(message);
        },
        tried: (outcome) => {
          this.metrics.webhookTries.inc({ outcome });
        },
      });
      this.workers.set(id, worker);
      worker.start();
    }
  }
}
