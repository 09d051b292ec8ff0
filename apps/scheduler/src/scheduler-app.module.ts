import { Module, type DynamicModule } from '@nestjs/common';
import { BackendsModule } from '@arrears/backends';
import type { AppConfig } from '@arrears/platform';
import { SchedulerModule } from '@arrears/scheduler';

/** The scheduler on its own: the stores, the command path, the timeline and the outbox; no HTTP. */
@Module({})
export class SchedulerAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: SchedulerAppModule, imports: [BackendsModule.forRoot(config), SchedulerModule.forRoot()] };
  }
}
