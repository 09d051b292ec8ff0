import { Module, type DynamicModule } from '@nestjs/common';
import { BackendsModule } from '@arrears/backends';
import { reportingZones, type AppConfig } from '@arrears/platform';
import { ProjectorModule } from '@arrears/projections';

/** The projector on its own: the stores and the projection runner, no HTTP. */
@Module({})
export class ProjectorAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ProjectorAppModule,
      imports: [
        BackendsModule.forRoot(config),
        ProjectorModule.forRoot({
          run: true,
          batchSize: config.projectorBatchSize,
          batchWaitMs: config.projectorBatchWaitMs,
          leaseTtlMs: config.projectorLeaseMs,
          zones: reportingZones(config.reportingTimeZones),
        }),
      ],
    };
  }
}
