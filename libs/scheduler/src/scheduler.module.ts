import { RepeatingTask } from './repeating-task';
import { Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { CommandsModule } from '@arrears/commands';
import { CHAIN_KEY, ChainCheckpointer, STORED_EVENT_STORE, type ChainKey, type EventStore } from '@arrears/event-store';
import { PersonalDataVault } from '@arrears/personal-data';
import { APP_CONFIG, Backoff, Clock, type AppConfig } from '@arrears/platform';
import { channelRouter } from './notifications/channel-router';
import { NotificationSender } from './notifications/notification.port';
import { OutboxDeadLetters } from './outbox/dead-letters';
import { OutboxDispatcher } from './outbox/outbox-dispatcher';
import { SchedulerSettingsInForce } from './timeline/scheduler-settings';
import { TimelineScheduler } from './timeline/timeline-scheduler';
import { WebhookDelivery } from './webhooks/webhook-delivery';
import { WebhookSubscriptions } from './webhooks/webhook-subscriptions';

/**
 * Wakes every SCHEDULER_INTERVAL_MS (when this process runs the scheduler): takes the timeline's due
 * work, delivers the outbox, and every CHAIN_CHECKPOINT_INTERVAL_MS signs a checkpoint of the streams'
 * heads. Wakes never overlap; shutdown waits for the current one. While wakes fail (a store is
 * down), the next comes later each time, with jitter, up to a minute; the first failure and the
 * recovery are logged, not every wake in between.
 */
@Injectable()
export class SchedulerLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private readonly wakes: RepeatingTask;
  /** Monotonic time of the next chain checkpoint: an interval after the start, then after each one. */
  private checkpointDueAt: number;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly timeline: TimelineScheduler,
    private readonly outbox: OutboxDispatcher,
    private readonly checkpointer: ChainCheckpointer,
  ) {
    this.checkpointDueAt = performance.now() + config.chainCheckpointIntervalMs;
    const backoff = new Backoff({
      // The first retry comes between one and two intervals later, then each ceiling doubles.
      initialMs: 2 * config.schedulerIntervalMs,
      maxMs: Math.max(2 * config.schedulerIntervalMs, 60_000),
      onFirstFailure: (error) => {
        this.logger.error(`Wake failed: ${error instanceof Error ? error.message : String(error)}; waking again with backoff`);
      },
      onRecovery: (failures) => {
        this.logger.log(`Wakes succeed again, after ${failures} failed`);
      },
    });
    this.wakes = new RepeatingTask(() => this.wake(), config.schedulerIntervalMs, backoff);
  }

  onApplicationBootstrap(): void {
    if (!this.config.runScheduler) return;
    this.logger.log(`Collection timeline scheduler waking every ${this.config.schedulerIntervalMs} ms`);
    this.wakes.start();
  }

  /** One wake: the timeline's due work, then the outbox, then a chain checkpoint if one is due. */
  async wake(): Promise<void> {
    const run = await this.timeline.runOnce();
    if (run.commands) this.logger.log(`Woke for ${run.accounts} accounts: ${run.commands} commands, ${run.refused} refused, ${run.failed} failed`);
    await this.outbox.dispatch();
    if (this.config.chainCheckpointIntervalMs > 0 && performance.now() >= this.checkpointDueAt) {
      this.checkpointDueAt = performance.now() + this.config.chainCheckpointIntervalMs;
      await this.checkpoint();
    }
  }

  /**
   * Signs a checkpoint of the heads that moved. Its MAC goes to the log too: a copy outside the
   * database of what the checkpoint said.
   */
  async checkpoint(): Promise<void> {
    const made = await this.checkpointer.checkpoint();
    if (made) this.logger.log(`Chain checkpoint ${made.revision} anchors ${made.streams} streams; MAC ${made.mac}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.wakes.stop();
  }
}

/** Each channel to the adapter the configuration names (files by default), said once at boot. */
function notificationSender(config: AppConfig, vault: PersonalDataVault, clock: Clock): NotificationSender {
  const router = channelRouter(config, vault, clock);
  if (config.runScheduler) new Logger('Outbox').log(`Notifications go out by ${router.describe()}`);
  return router;
}

/** The collection timeline scheduler, the outbox's delivery and the webhooks', for the service or a process of their own. */
@Module({})
export class SchedulerModule {
  static forRoot(): DynamicModule {
    return {
      module: SchedulerModule,
      imports: [CommandsModule],
      providers: [
        SchedulerSettingsInForce,
        TimelineScheduler,
        OutboxDispatcher,
        OutboxDeadLetters,
        SchedulerLoop,
        WebhookSubscriptions,
        WebhookDelivery,
        {
          provide: ChainCheckpointer,
          useFactory: (store: EventStore, key: ChainKey, clock: Clock) => new ChainCheckpointer(store, key, () => clock.now()),
          inject: [STORED_EVENT_STORE, CHAIN_KEY, Clock],
        },
        { provide: NotificationSender, useFactory: notificationSender, inject: [APP_CONFIG, PersonalDataVault, Clock] },
      ],
      exports: [TimelineScheduler, OutboxDispatcher, OutboxDeadLetters, SchedulerLoop, ChainCheckpointer, WebhookSubscriptions, WebhookDelivery],
    };
  }
}
