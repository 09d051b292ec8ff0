import { Inject, Injectable, Logger, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG } from '@arrears/backends';
import { CommandsModule } from '@arrears/commands';
import type { AppConfig } from '@arrears/platform';
import { FileNotificationSender } from './notifications/file-notification.sender';
import { NotificationSender } from './notifications/notification.port';
import { SmtpNotificationSender } from './notifications/smtp-notification.sender';
import { OutboxDispatcher } from './outbox/outbox-dispatcher';
import { SchedulerSettingsInForce } from './timeline/scheduler-settings';
import { TimelineScheduler } from './timeline/timeline-scheduler';

/**
 * Wakes every SCHEDULER_INTERVAL_MS (when this process runs the scheduler): takes the timeline's due
 * work, then delivers the outbox. Wakes never overlap; shutdown waits for the current one.
 */
@Injectable()
export class SchedulerLoop implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly timeline: TimelineScheduler,
    private readonly outbox: OutboxDispatcher,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runScheduler) return;
    this.logger.log(`Collection timeline scheduler waking every ${this.config.schedulerIntervalMs} ms`);
    this.schedule();
  }

  /** One wake: the timeline's due work, then the outbox. */
  async wake(): Promise<void> {
    const run = await this.timeline.runOnce();
    if (run.commands) this.logger.log(`Woke for ${run.accounts} accounts: ${run.commands} commands, ${run.refused} refused, ${run.failed} failed`);
    await this.outbox.dispatch();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.current = this.wake()
        .catch((error: unknown) => this.logger.error(`Wake failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          if (!this.stopped) this.schedule();
        });
    }, this.config.schedulerIntervalMs);
  }
}

/** The default sender writes to DATA_DIR/notifications.log; with SMTP_URL, e-mail goes out by SMTP. */
function notificationSender(config: AppConfig): NotificationSender {
  const file = new FileNotificationSender(join(config.dataDir, 'notifications.log'));
  return config.smtpUrl ? new SmtpNotificationSender(config.smtpUrl, config.notifyFrom, file) : file;
}

/** The collection timeline scheduler and the outbox's delivery, for the service or a process of their own. */
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
        SchedulerLoop,
        { provide: NotificationSender, useFactory: notificationSender, inject: [APP_CONFIG] },
      ],
      exports: [TimelineScheduler, OutboxDispatcher, SchedulerLoop],
    };
  }
}
