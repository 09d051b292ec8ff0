import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const seconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * What the service counts and times, in Prometheus's terms, on a registry of its own (not the
 * library's global one, so two apps in one process, as in tests, never mix their figures).
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'arrears_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status, with their duration',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: seconds,
    registers: [this.registry],
  });

  readonly commands = new Counter({
    name: 'arrears_commands_total',
    help: 'Account commands by type and outcome: applied, unchanged (nothing to do), refused (a business rule), conflict, failed',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'arrears_event_append_duration_seconds',
    help: 'Appends to the event store, by outcome',
    labelNames: ['outcome'] as const,
    buckets: seconds,
    registers: [this.registry],
  });

  readonly schedulerSteps = new Counter({
    name: 'arrears_scheduler_steps_total',
    help: 'Collection timeline steps the scheduler fired (taken), found moot (skipped) or held back (deferred), by action or reason',
    labelNames: ['outcome', 'kind'] as const,
    registers: [this.registry],
  });

  readonly webhookTries = new Counter({
    name: 'arrears_webhook_tries_total',
    help: 'Webhook tries by this process: delivered (a 2xx), failed (to be tried again), dead_lettered (the last try allowed failed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'arrears_' });
  }

  /** A gauge whose values are read at scrape time, e.g. projection lag. */
  gauge<Label extends string>(name: string, help: string, labelNames: readonly Label[], collect: (gauge: Gauge<Label>) => Promise<void>): Gauge<Label> {
    return new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      collect() {
        return collect(this);
      },
    });
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
