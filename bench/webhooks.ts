/**
 * Webhook delivery figures for `npm run bench`: events/s delivered to a receiver on this machine, and
 * how long delivery takes to catch up once a receiver that was down comes back; each next to a
 * baseline measured in the same run against the same receiver.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { PostgresEventStore, type NewEvent, type StreamAppend } from '@arrears/event-store';
import { startService } from './service';
import { WebhookReceiver } from './webhook-receiver';
import { benchMetadata as metadata } from './bench-metadata';

const accounts = 1_000;
/** Events per account in the history delivered first, and in the backlog an outage leaves. */
const historyRounds = 20;
const backlogRounds = 5;
const outageSeconds = 5;
/** In-flight POSTs of the baseline: the service's default WEBHOOK_CONCURRENCY. */
const concurrency = 8;

export interface WebhookFigures {
  /** Bare signed POSTs of the same payloads to the same receiver, `concurrency` at a time. */
  webhookBaselinePostsPerSecond: number;
  webhookEventsPerSecond: number;
  webhookRatio: number;
  webhookOutageBacklog: number;
  /** From the receiver's return until the whole backlog is delivered. */
  webhookCatchUpSeconds: number;
  /** The backlog at the delivery rate measured above: what catching up would take with no wait at all. */
  webhookCatchUpBaselineSeconds: number;
  webhookCatchUpRatio: number;
}

/** One payment on every account per round, accounts interleaved in the log as a busy service's are. */
async function appendRounds(store: PostgresEventStore, rounds: number, firstRevision: number): Promise<number> {
  for (let round = 0; round < rounds; round++) {
    const revision = firstRevision + round;
    const appends: StreamAppend[] = Array.from({ length: accounts }, (_, i) => ({
      streamId: `account-bench-wh-${i}`,
      expectedRevision: revision === 0 ? 'no_stream' : BigInt(revision - 1),
      events: [payment(revision)],
    }));
    await store.appendMany(appends);
  }
  return rounds * accounts;
}

const payment = (revision: number): NewEvent => ({
  id: randomUUID(),
  type: 'PaymentReceived',
  data: { paymentId: `pay-${revision}`, amount: 100, currency: 'USD', receivedOn: '2026-02-10', method: 'card' },
  metadata,
});

/** The baseline: `count` signed JSON POSTs to the receiver, `concurrency` at a time, as fast as they go. */
async function barePosts(url: string, count: number): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const body = JSON.stringify({ id: randomUUID(), type: 'PaymentReceived', position: next++, data: payment(0).data });
        const t = Math.floor(Date.now() / 1000);
        const signature = `t=${t},v1=${createHmac('sha256', 'whsec_bench').update(`${t}.${body}`).digest('hex')}`;
        const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', 'arrears-signature': signature } });
        await response.body?.cancel();
      }
    }),
  );
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Distinct events the receiver took past `after`. */
const deliveredAfter = (receiver: WebhookReceiver, after: number) =>
  new Set(receiver.delivered<{ id: string; position: number }>().flatMap(({ id, position }) => (position > after ? [id] : []))).size;

export async function measureWebhooks(url: string, log: (line: string) => void): Promise<WebhookFigures> {
  const store = await PostgresEventStore.connect({ connectionString: url, poolSize: 4 });
  const receiver = await WebhookReceiver.start();
  // Retries capped at 1 s so the catch-up shows the delivery, not the default 5-minute cap's wait.
  const service = await startService(url, { WEBHOOK_RETRY_BASE_MS: '100', WEBHOOK_RETRY_MAX_MS: '1000', WEBHOOK_MAX_ATTEMPTS: '100', WEBHOOK_POLL_MS: '100' });
  try {
    const history = await appendRounds(store, historyRounds, 0);
    log(`measuring (i) webhook delivery of ${history} events to a local receiver, and its baseline…`);
    const baseline = await barePosts(receiver.url, history);
    receiver.received.length = 0;
    const system = await service.as('system');
    const created = await fetch(`${service.base}/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...system },
      body: JSON.stringify({ url: receiver.url, eventTypes: ['*'], creditorIds: ['*'], fromPosition: 1 }),
    });
    if (created.status !== 201) throw new Error(`POST /webhooks answered ${created.status}: ${await created.text()}`);
    const started = process.hrtime.bigint();
    await receiver.until(() => deliveredAfter(receiver, 0) >= history, 600_000);
    const eventsPerSecond = history / (Number(process.hrtime.bigint() - started) / 1e9);

    log(`measuring (i) catch-up after a ${outageSeconds} s receiver outage…`);
    const head = Number(await store.headPosition());
    await receiver.stop();
    const backlog = await appendRounds(store, backlogRounds, historyRounds);
    await new Promise((resolve) => setTimeout(resolve, outageSeconds * 1000));
    await receiver.restart();
    const back = process.hrtime.bigint();
    await receiver.until(() => deliveredAfter(receiver, head) >= backlog, 600_000);
    const catchUpSeconds = Number(process.hrtime.bigint() - back) / 1e9;
    const catchUpBaseline = backlog / eventsPerSecond;
    return {
      webhookBaselinePostsPerSecond: Math.round(baseline),
      webhookEventsPerSecond: Math.round(eventsPerSecond),
      webhookRatio: round(eventsPerSecond / baseline),
      webhookOutageBacklog: backlog,
      webhookCatchUpSeconds: round(catchUpSeconds),
      webhookCatchUpBaselineSeconds: round(catchUpBaseline),
      webhookCatchUpRatio: round(catchUpSeconds / catchUpBaseline),
    };
  } finally {
    await service.stop();
    await receiver.stop();
    await store.close();
  }
}

const round = (value: number) => Math.round(value * 100) / 100;

/** The figures' rows in the bench's table. */
export function webhookRows(figures: WebhookFigures): Record<string, { value: string; target: string }> {
  return {
    '(i) signed POSTs to a local receiver, 8 at once': { value: `${figures.webhookBaselinePostsPerSecond} posts/s`, target: 'baseline' },
    '(i) webhook delivery, 1,000 accounts': { value: `${figures.webhookEventsPerSecond} events/s`, target: `ratio = ${figures.webhookRatio}` },
    [`(i) catch-up of ${figures.webhookOutageBacklog} events after a ${outageSeconds} s outage`]: {
      value: `${figures.webhookCatchUpSeconds} s`,
      target: `÷ ${figures.webhookCatchUpBaselineSeconds} s at full rate = ${figures.webhookCatchUpRatio}`,
    },
  };
}
