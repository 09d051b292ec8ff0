import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Nest injection token of the AppConfig: provided by the composition root, read by every library that is configured. */
export const APP_CONFIG = Symbol('AppConfig');

/** The service's configuration: read from the environment once, at boot, and validated. */
export interface AppConfig {
  /** HTTP port (`PORT`, default 3000). */
  port: number;
  /** HTTP interface (`HOST`, default 0.0.0.0). */
  host: string;
  /** Where the embedded database keeps its data (`DATA_DIR`, default ./.data). */
  dataDir: string;
  /**
   * The folder of trained behaviour-score models, one `<version>.json` each (`SCORE_MODELS_DIR`, default
   * ./score-models): `npm run train-score` writes there, and the service reads its models from there (docs/risk.md).
   */
  scoreModelsDir: string;
  /** `postgres://…` or `esdb://…` (`EVENT_STORE_URL`); absent means the embedded PostgreSQL. */
  eventStoreUrl: string | undefined;
  /**
   * `mongodb://…` or `postgres://…` (`READ_STORE_URL`); absent means the event store's PostgreSQL
   * (the embedded one by default). Required when the event store is EventStoreDB.
   */
  readStoreUrl: string | undefined;
  /**
   * Where debtors' data keys live (`KEY_STORE_URL`, `postgres://…` or `mongodb://…`); absent means the
   * read store's database. Never the event store: destroying a key must not touch the log.
   */
  keyStoreUrl: string | undefined;
  /** Whether this process runs the projector too (`RUN_PROJECTOR`, default true; `--no-projector` turns it off). */
  runProjector: boolean;
  /**
   * `POST /auth/dev-token` mints short-lived tokens for anyone who asks: on the embedded default (no
   * EVENT_STORE_URL) unless `DEV_SIGN_IN=false`, elsewhere only with `DEV_SIGN_IN=true`.
   */
  devSignIn: boolean;
  /** The projector's batches: most events per batch, and how long a batch waits to fill (`PROJECTOR_BATCH_SIZE`, `PROJECTOR_BATCH_WAIT_MS`). */
  projectorBatchSize: number;
  projectorBatchWaitMs: number;
  /** How long a projection's lease lasts unless renewed (`PROJECTOR_LEASE_MS`, default 10 s). */
  projectorLeaseMs: number;
  /** Longest a query waits for `minPosition` before answering 503 (`READ_WAIT_MS`, at most and by default 5 s). */
  readWaitMs: number;
  /** How long a worklist claim lasts when the agent does not say (`CLAIM_MINUTES`, default 30). */
  claimMinutes: number;
  /** Connections per PostgreSQL pool (`DATABASE_POOL_SIZE`, default 10). */
  databasePoolSize: number;
  /** The `application_name` of this process's PostgreSQL sessions (`DATABASE_APPLICATION_NAME`, default `arrears-api`, `arrears-projector`…). */
  databaseApplicationName: string;
  /** Longest wait for a new PostgreSQL connection before the request fails with 503 (`DATABASE_CONNECT_TIMEOUT_MS`, default 5 s). */
  databaseConnectTimeoutMs: number;
  /**
   * Longest wait for a PostgreSQL statement's answer before it fails as an outage, 503 for a request
   * (`DATABASE_QUERY_TIMEOUT_MS`, default 15 s; 0: none). Migrations, index builds and statistics are exempt.
   */
  databaseQueryTimeoutMs: number;
  /** How often a command is re-decided after losing a race for the stream (`COMMAND_MAX_ATTEMPTS`, default 5). */
  commandMaxAttempts: number;
  /** How many accounts' last known state the API keeps in memory (`ACCOUNT_CACHE_SIZE`, default 10,000; 0 = none). */
  accountCacheSize: number;
  /**
   * How many events a load of an account folds before it keeps a snapshot of the account, so that the
   * next load reads only the events after it (`ACCOUNT_SNAPSHOT_EVERY`, default 25; 0 = no snapshots).
   */
  accountSnapshotEvery: number;
  /** How long an Idempotency-Key stays claimed by a request that is still running (`IDEMPOTENCY_LEASE_MS`). */
  idempotencyLeaseMs: number;
  /** Largest accepted request body in bytes (`BODY_LIMIT_BYTES`, default 1 MiB). */
  bodyLimitBytes: number;
  /** Requests per second allowed to one bearer token, or one address without a token (`RATE_LIMIT_PER_SECOND`, default 200; 0 = no limit). */
  rateLimitPerSecond: number;
  /**
   * Whether each caller's requests are counted with every process on the same read store (`RATE_LIMIT_SHARED`,
   * default false): API replicas then share one limit, where each would otherwise allow it in full.
   */
  rateLimitShared: boolean;
  /** Origins a browser may call the API from (`CORS_ORIGINS`, comma-separated); none by default, so CORS is off. */
  corsOrigins: string[];
  /** How long requests in flight may take to finish on shutdown (`SHUTDOWN_GRACE_MS`, default 10 s). */
  shutdownGraceMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /**
   * Contact rule sets stricter than Regulation F's (`CONTACT_POLICIES`, JSON): `"default"` and
   * creditor ids map to overrides, e.g. `{"cred-ma":{"maxCallsIn7Days":2}}`.
   */
  contactPolicies: Record<string, Record<string, unknown>>;
  /**
   * Each creditor's reporting time zone (`REPORTING_TIME_ZONES`, JSON: creditor id → IANA zone, and
   * `"default"` for the rest; UTC when absent): the zone in which KPIs date facts that happened at
   * an instant (a call) rather than on a date (an invoice's issue date).
   */
  reportingTimeZones: Record<string, string>;
  /**
   * Who each creditor is (`CREDITOR_PROFILES`, JSON: `"default"` and creditor ids map to profiles:
   * creditor and collector names and addresses, `debtCollector`, `jurisdiction`): notices name them,
   * and whether the creditor is a debt collector decides which of Regulation F's duties apply.
   */
  creditorProfiles: Record<string, Record<string, unknown>>;
  /**
   * The message templates (`NOTICE_TEMPLATES_FILE`, the path of a JSON array of templates), in place
   * of the shipped set; checked at boot like the shipped ones. Undefined: the shipped set.
   */
  noticeTemplates: unknown;
  /**
   * Where debtors reach this service from outside (`PUBLIC_URL`, default `http://localhost:<PORT>`):
   * the base of the opt-out links every e-mail and text carries.
   */
  publicUrl: string;
  /** Days after a promise's date that payments still keep it (`PROMISE_GRACE_DAYS`, default 2). */
  promiseGraceDays: number;
  /** The debtor's portal: how long a link in a notice (or one a supervisor mints without saying) stays good, and a session after the second factor. */
  portal: {
    /** `PORTAL_LINK_DAYS`, default 30. */
    linkDays: number;
    /** `PORTAL_SESSION_MINUTES`, default 15: the portal's token is short-lived, and no session is kept on the server. */
    sessionMinutes: number;
  };
  /** Whether this process runs the collection timeline scheduler (`RUN_SCHEDULER`, default true). */
  runScheduler: boolean;
  /** How often the scheduler wakes (`SCHEDULER_INTERVAL_MS`, default 5 s). */
  schedulerIntervalMs: number;
  /**
   * How many parts the scheduler's sweep is cut into by account id (`SCHEDULER_PARTITIONS`, default 1): each is
   * swept under its own lease, so that schedulers in several processes share the due accounts between them.
   */
  schedulerPartitions: number;
  /** Days after an installment's date that a payment still counts (`INSTALLMENT_GRACE_DAYS`, default 3). */
  installmentGraceDays: number;
  /** Missed installments that break a plan (`PLAN_BREAK_AFTER_MISSED`, default 2). */
  planBreakAfter: number;
  /**
   * Collection strategies and their assignment (`COLLECTION_STRATEGIES`, JSON), merged over the
   * built-in ones: `{"strategies":{…},"default":{"champion":…},"byCreditor":{…}}`.
   */
  collectionStrategies: Record<string, Record<string, unknown>>;
  /**
   * The behaviour score's models (`SCORE_MODELS_DIR`, default `score-models`): every `*.json` file in the
   * folder, parsed, each a ScoreModel (checked at boot with the assignment). A missing default folder is no models.
   */
  scoreModelFiles: { file: string; content: unknown }[];
  /**
   * Which models score whom (`SCORE_MODELS`, JSON: `{"champion":"<version>","challenger":"<version>","challengerShare":0.2}`);
   * undefined: the newest model (by the end of its training window) alone.
   */
  scoreModelAssignment: unknown;
  /** The risk segments' probability bands (`RISK_SEGMENTS`, JSON: `{"highRiskBelow":0.3,"lowRiskFrom":0.6}`, each defaulting so). */
  riskSegments: Record<string, number>;
  /**
   * The worklist's order (`WORKLIST_ORDER`): `heuristic` (the default: the explainable priority score) or
   * `expected-recovery` (overdue × propensity to pay × contactable now), which needs a score model.
   */
  worklistOrder: WorklistOrder;
  /** Where e-mail goes out (`SMTP_URL`, e.g. smtp://user:pass@host:587); without it notifications go to a file. */
  smtpUrl: string | undefined;
  /** The sender of e-mail notifications (`NOTIFY_FROM`). */
  notifyFrom: string;
  /**
   * Where text messages go out: a provider with Twilio's Messages API (`SMS_PROVIDER_URL`, e.g.
   * https://api.twilio.com, with `SMS_ACCOUNT_SID`, `SMS_AUTH_TOKEN` and `SMS_FROM`, a number or a
   * Messaging Service SID); without it SMS go to the notification file.
   */
  sms: { url: string; accountSid: string; authToken: string; from: string } | undefined;
  /**
   * Where letters go out: a print-and-mail service with Lob's letters API (`PRINT_MAIL_URL`, e.g.
   * https://api.lob.com/v1, with `PRINT_MAIL_API_KEY`); without it letters go to DATA_DIR/letters.
   */
  printMail: { url: string; apiKey: string } | undefined;
  /**
   * How the outbox retries a failed delivery: at most `maxAttempts` tries (`NOTIFY_MAX_ATTEMPTS`,
   * default 8) before the notification is dead-lettered, the delays doubling from `retryBaseMs`
   * (`NOTIFY_RETRY_BASE_MS`, default 1 min) up to `retryMaxMs` (`NOTIFY_RETRY_MAX_MS`, default 1 h);
   * a provider that does not answer within `timeoutMs` (`NOTIFY_TIMEOUT_MS`, default 10 s) failed.
   */
  delivery: { maxAttempts: number; retryBaseMs: number; retryMaxMs: number; timeoutMs: number };
  /**
   * Webhooks out (docs/webhooks.md). `run` (`RUN_WEBHOOKS`, default true): whether this process delivers
   * them (each subscription by the holder of its lease, so any number of processes may). An event is
   * tried at most `maxAttempts` times (`WEBHOOK_MAX_ATTEMPTS`, default 16, about half an hour of tries)
   * before it is dead-lettered, the delays doubling from `retryBaseMs` (`WEBHOOK_RETRY_BASE_MS`, default
   * 1 s) up to `retryMaxMs` (`WEBHOOK_RETRY_MAX_MS`, default 5 min), with jitter; a receiver that does not
   * answer within `timeoutMs` (`WEBHOOK_TIMEOUT_MS`, default 10 s) failed. Up to `concurrency` accounts
   * (`WEBHOOK_CONCURRENCY`, default 8) are delivered side by side per subscription, each in order.
   * `pollMs` (`WEBHOOK_POLL_MS`, default 1 s): how often new and deleted subscriptions are looked for;
   * `leaseMs` (`WEBHOOK_LEASE_MS`, default 15 s): how long a subscription's lease lasts unless renewed.
   * `allowHttp` (`WEBHOOK_ALLOW_HTTP`, default false): plain http to other hosts than this machine.
   * `allowPrivateReceivers` (`WEBHOOK_ALLOW_PRIVATE_RECEIVERS`, default true, false when NODE_ENV=production):
   * receivers on this machine, a private network or link-local addresses (docs/webhooks.md#receivers).
   */
  webhooks: {
    run: boolean;
    maxAttempts: number;
    retryBaseMs: number;
    retryMaxMs: number;
    timeoutMs: number;
    concurrency: number;
    pollMs: number;
    leaseMs: number;
    allowHttp: boolean;
    allowPrivateReceivers: boolean;
  };
  /** For demos and simulations: the instant the service's clock starts at (`CLOCK_START`); never in production. */
  clockStart: Date | undefined;
  /**
   * How bearer tokens are verified: HS256 with a shared secret (`AUTH_JWT_SECRET`, 32 characters or
   * more), or an identity provider's keys (`AUTH_JWKS_URL`). With neither, the embedded default
   * generates a secret into `DATA_DIR`; the production stack refuses to start.
   */
  auth: {
    secret?: string;
    jwksUrl?: string;
    /** The `iss` a token must carry (`AUTH_ISSUER`); required with AUTH_JWKS_URL. */
    issuer?: string;
    /** The `aud` a token must carry (`AUTH_AUDIENCE`); required with AUTH_JWKS_URL. */
    audience?: string;
    /** A file of revoked tokens, one `jti` or token SHA-256 (hex) a line (`AUTH_REVOKED_FILE`). */
    revokedFile?: string;
    /** How often the revocation file is looked at again (`AUTH_REVOKED_REFRESH_MS`, default 5 s; 0 = every request). */
    revokedRefreshMs: number;
    /**
     * The console's single sign-on (`AUTH_OIDC_CLIENT_ID`, with AUTH_JWKS_URL): the public client the
     * identity provider at AUTH_ISSUER knows the console as, signing in by authorization code + PKCE,
     * with the scopes `AUTH_OIDC_SCOPE` (default `openid`). Unset: the console offers no single sign-on.
     */
    oidc?: { clientId: string; scope: string };
  };
  /**
   * Whom to believe about the client's address (`TRUST_PROXY`, Fastify's trustProxy): unset or `false`
   * = the socket's peer; `true` = the left-most X-Forwarded-For entry; a number = that many proxy hops;
   * otherwise a comma-separated list of proxy addresses or CIDR ranges. Rate limiting counts requests
   * without a verified token per client address.
   */
  trustProxy: boolean | number | string;
  /**
   * For crash tests only: how long a command with an Idempotency-Key waits between its append and the
   * storing of its response (`TEST_IDEMPOTENCY_COMPLETION_DELAY_MS`, default 0); refused when
   * NODE_ENV=production.
   */
  testIdempotencyCompletionDelayMs: number;
  /**
   * A static bearer token Prometheus may scrape `/metrics` with (`METRICS_TOKEN`, 32 characters or
   * more), since a scraper cannot renew an expiring one. Unset: only a supervisor's or system token.
   */
  metricsToken: string | undefined;
  /**
   * The key of the events' hash chain and its checkpoints (`CHAIN_KEY` or `CHAIN_KEY_FILE`, 32 characters
   * or more), held outside the event store's database. Unset: the embedded default generates one into
   * `DATA_DIR`; on configured stores that file must exist or the service refuses to start.
   */
  chainKey: string | undefined;
  /** How often the scheduler checkpoints every stream's head (`CHAIN_CHECKPOINT_INTERVAL_MS`, default 60 s; 0 = never). */
  chainCheckpointIntervalMs: number;
  /**
   * The key-encryption key that wraps debtors' data keys (`KEY_ENCRYPTION_KEY` or `KEY_ENCRYPTION_KEY_FILE`,
   * 32 characters or more), held outside every database. Unset: as `chainKey`.
   */
  keyEncryptionKey: string | undefined;
  /**
   * Online payment (`PAYMENT_PROVIDER`): `test`, the built-in test provider whose checkout page this
   * service serves (the default on the embedded default; refused when NODE_ENV=production), `stripe`
   * (with `STRIPE_SECRET_KEY` and `STRIPE_WEBHOOK_SECRET`, or their `_FILE` variants), or `none`, the
   * default elsewhere: no payment links.
   */
  onlinePayments: OnlinePaymentsConfig;
  /**
   * The credit bureau reports are fetched from (`CREDIT_BUREAU_URL`, https:// or http:// to this
   * machine, with `CREDIT_BUREAU_API_KEY` or its `_FILE`, sent as a bearer key; `CREDIT_BUREAU_TIMEOUT_MS`,
   * default 10 s). Unset: reports are only recorded as sent to us (docs/credit.md).
   */
  creditBureau: CreditBureauConfig | undefined;
}

export interface CreditBureauConfig {
  url: string;
  apiKey: string;
  timeoutMs: number;
}

export type OnlinePaymentsConfig = { provider: 'none' } | { provider: 'test' } | { provider: 'stripe'; secretKey: string; webhookSecret: string };

/**
 * Variables that hold secrets (or URLs that embed a password). Each may instead be given as
 * `NAME_FILE`, the path of a file that holds it (Docker and Kubernetes secrets), so it never sits in
 * the environment that `docker inspect` or a crash report shows.
 */
export const secretVariables = [
  'AUTH_JWT_SECRET',
  'METRICS_TOKEN',
  'CHAIN_KEY',
  'KEY_ENCRYPTION_KEY',
  'EVENT_STORE_URL',
  'READ_STORE_URL',
  'KEY_STORE_URL',
  'SMTP_URL',
  'SMS_AUTH_TOKEN',
  'PRINT_MAIL_API_KEY',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'CREDIT_BUREAU_API_KEY',
] as const;

/** The environment with every `NAME_FILE` read into `NAME` (trimmed); problems for unreadable or doubled ones. */
function withSecretFiles(env: NodeJS.ProcessEnv, problems: string[]): NodeJS.ProcessEnv {
  const read: NodeJS.ProcessEnv = {};
  for (const name of secretVariables) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) problems.push(`Set ${name} or ${name}_FILE, not both.`);
    try {
      read[name] = readFileSync(file, 'utf8').trim();
    } catch (error) {
      problems.push(`${name}_FILE names a file that cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): ${file}`);
    }
  }
  return { ...env, ...read };
}

export const worklistOrders = ['heuristic', 'expected-recovery'] as const;
export type WorklistOrder = (typeof worklistOrders)[number];

/** Every `*.json` file of the score models' folder, parsed; problems for an unreadable folder named outright or a file that is not JSON. */
function scoreModelFilesOf(env: NodeJS.ProcessEnv, problems: string[]): AppConfig['scoreModelFiles'] {
  const dir = resolve(env.SCORE_MODELS_DIR || 'score-models');
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch (error) {
    if (env.SCORE_MODELS_DIR) problems.push(`SCORE_MODELS_DIR must name a readable folder (${(error as NodeJS.ErrnoException).code ?? String(error)}): ${dir}`);
    return [];
  }
  return names.flatMap((name) => {
    const file = join(dir, name);
    try {
      return [{ file, content: JSON.parse(readFileSync(file, 'utf8')) as unknown }];
    } catch (error) {
      problems.push(`SCORE_MODELS_DIR holds ${file}, which is not a readable JSON file (${error instanceof Error ? error.message : String(error)})`);
      return [];
    }
  });
}

/** A JSON value from the environment (undefined when unset), with a problem when it does not parse. */
function jsonValueOf(env: NodeJS.ProcessEnv, name: string, problems: string[]): unknown {
  const raw = env[name];
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    problems.push(`${name} must be JSON`);
    return undefined;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

const eventStoreSchemes = ['postgres:', 'postgresql:', 'esdb:', 'esdb+discover:'];
const readStoreSchemes = ['postgres:', 'postgresql:', 'mongodb:', 'mongodb+srv:'];

/**
 * Reads and validates the configuration; lists every problem at once rather than the first.
 * `processName` (api, projector, scheduler…) names the process's database sessions by default.
 */
export function loadConfig(given: NodeJS.ProcessEnv = process.env, processName = 'api'): AppConfig {
  const problems: string[] = [];
  const env = withSecretFiles(given, problems);
  /** A JSON object whose every value passes `valid` (`what` says what they must be), or {} with a problem. */
  const jsonObjectOf = (name: string, valid: (value: unknown) => boolean, what: string): Record<string, unknown> => {
    const raw = env[name];
    if (!raw) return {};
    try {
      const value: unknown = JSON.parse(raw);
      if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every(valid)) return value as Record<string, unknown>;
    } catch {
      // reported below
    }
    problems.push(`${name} must be a JSON object of ${what}`);
    return {};
  };
  const jsonObject = (name: string) =>
    jsonObjectOf(name, (value) => Boolean(value) && typeof value === 'object', 'objects') as Record<string, Record<string, unknown>>;
  const timeZones = (name: string): Record<string, string> => {
    return jsonObjectOf(name, (value) => typeof value === 'string' && isTimeZone(value), 'IANA time zones such as "Europe/Paris"') as Record<string, string>;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
      return fallback;
    }
    return value;
  };
  const eventStoreUrl = env.EVENT_STORE_URL || undefined;
  if (eventStoreUrl && !eventStoreSchemes.some((scheme) => eventStoreUrl.startsWith(scheme))) {
    problems.push(`EVENT_STORE_URL must start with postgres:// or esdb://, not "${eventStoreUrl.split(':')[0]}:".`);
  }
  const readStoreUrl = env.READ_STORE_URL || undefined;
  if (readStoreUrl && !readStoreSchemes.some((scheme) => readStoreUrl.startsWith(scheme))) {
    problems.push(`READ_STORE_URL must start with mongodb:// or postgres://, not "${readStoreUrl.split(':')[0]}:".`);
  }
  const keyStoreUrl = env.KEY_STORE_URL || undefined;
  if (keyStoreUrl && !readStoreSchemes.some((scheme) => keyStoreUrl.startsWith(scheme))) {
    problems.push(`KEY_STORE_URL must start with mongodb:// or postgres://, not "${keyStoreUrl.split(':')[0]}:".`);
  }
  if (!readStoreUrl && eventStoreUrl?.startsWith('esdb')) {
    problems.push('READ_STORE_URL (mongodb:// or postgres://) is required when the event store is EventStoreDB.');
  }
  const databaseQueryTimeoutMs = integer('DATABASE_QUERY_TIMEOUT_MS', 15_000, 0, 3_600_000);
  if (databaseQueryTimeoutMs > 0 && databaseQueryTimeoutMs < 100) {
    problems.push(`DATABASE_QUERY_TIMEOUT_MS must be 0 (no bound) or at least 100, not ${databaseQueryTimeoutMs}: healthy statements would fail.`);
  }
  const clockStart = env.CLOCK_START ? new Date(env.CLOCK_START) : undefined;
  if (clockStart && Number.isNaN(clockStart.getTime())) problems.push(`CLOCK_START must be an ISO 8601 instant, not "${env.CLOCK_START}".`);
  if (clockStart && env.NODE_ENV === 'production') problems.push("CLOCK_START moves the service's clock and is refused when NODE_ENV=production.");
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) problems.push('SMTP_URL must start with smtp:// or smtps://.');
  const sms = smsProviderOf(env, problems);
  const printMail = printMailOf(env, problems);
  const onlinePayments = onlinePaymentsOf(env, problems);
  const creditBureau = creditBureauOf(env, problems);
  const authSecret = env.AUTH_JWT_SECRET || undefined;
  if (authSecret && authSecret.length < 32) problems.push('AUTH_JWT_SECRET must be at least 32 characters.');
  const jwksUrl = env.AUTH_JWKS_URL || undefined;
  if (jwksUrl && !/^https?:\/\//.test(jwksUrl)) problems.push('AUTH_JWKS_URL must start with https:// (or http://).');
  if (authSecret && jwksUrl) problems.push('Set AUTH_JWT_SECRET or AUTH_JWKS_URL, not both.');
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken && metricsToken.length < 32) problems.push('METRICS_TOKEN must be at least 32 characters.');
  const issuer = env.AUTH_ISSUER || undefined;
  const audience = env.AUTH_AUDIENCE || undefined;
  // An identity provider signs tokens for many services: without both checks, a token minted for
  // another of them would be accepted here.
  if (jwksUrl && (!issuer || !audience)) problems.push('AUTH_ISSUER and AUTH_AUDIENCE are required with AUTH_JWKS_URL.');
  const oidcClientId = env.AUTH_OIDC_CLIENT_ID || undefined;
  // The console finds the provider at AUTH_ISSUER and its tokens are checked against AUTH_JWKS_URL's keys.
  if (oidcClientId && !jwksUrl)
    problems.push('AUTH_OIDC_CLIENT_ID needs AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE: the identity provider signs the tokens.');
  if (oidcClientId && issuer && !/^https?:\/\//.test(issuer))
    problems.push('AUTH_ISSUER must be the identity provider’s URL (https://…) with AUTH_OIDC_CLIENT_ID.');
  const testDelay = env.TEST_IDEMPOTENCY_COMPLETION_DELAY_MS;
  if (testDelay && testDelay !== '0' && env.NODE_ENV === 'production') {
    problems.push('TEST_IDEMPOTENCY_COMPLETION_DELAY_MS is for crash tests and is refused when NODE_ENV=production.');
  }
  const chainKey = env.CHAIN_KEY || undefined;
  if (chainKey && chainKey.length < 32) problems.push('CHAIN_KEY must be at least 32 characters.');
  const keyEncryptionKey = env.KEY_ENCRYPTION_KEY || undefined;
  if (keyEncryptionKey && keyEncryptionKey.length < 32) problems.push('KEY_ENCRYPTION_KEY must be at least 32 characters.');
  const corsOrigins = (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) problems.push(`CORS_ORIGINS must list origins such as https://app.example.com, not "${origin}".`);
  }
  const noticeTemplatesFile = env.NOTICE_TEMPLATES_FILE || undefined;
  let noticeTemplates: unknown;
  if (noticeTemplatesFile) {
    try {
      noticeTemplates = JSON.parse(readFileSync(noticeTemplatesFile, 'utf8'));
    } catch (error) {
      problems.push(`NOTICE_TEMPLATES_FILE must name a readable JSON file (${error instanceof Error ? error.message : String(error)}): ${noticeTemplatesFile}`);
    }
  }
  const port = integer('PORT', 3000, 0, 65535);
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s?#]+$/.test(publicUrl)) problems.push(`PUBLIC_URL must be an http(s) URL such as https://arrears.example.com, not "${publicUrl}".`);
  // Notices name the collector and the creditor (12 CFR 1006.34(c)(2)): in production never the demo ones.
  const creditorProfiles = jsonObject('CREDITOR_PROFILES');
  if (!Object.hasOwn(creditorProfiles, 'default') && env.NODE_ENV === 'production') {
    problems.push('CREDITOR_PROFILES must give a "default" profile when NODE_ENV=production: every creditor without its own would be named as the demo one.');
  }
  // The opt-out link in every e-mail and text must reach the service from outside (12 CFR 1006.6(e)): localhost does not.
  if (!env.PUBLIC_URL && env.NODE_ENV === 'production') problems.push('PUBLIC_URL is required when NODE_ENV=production: opt-out links point to it.');
  const worklistOrder = (env.WORKLIST_ORDER || 'heuristic') as WorklistOrder;
  if (!worklistOrders.includes(worklistOrder)) problems.push(`WORKLIST_ORDER must be ${worklistOrders.join(' or ')}, not "${worklistOrder}".`);
  if (!['true', 'false', undefined].includes(env.RATE_LIMIT_SHARED)) problems.push('RATE_LIMIT_SHARED must be true or false.');
  const logLevel = (env.LOG_LEVEL ?? 'info') as AppConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) problems.push('LOG_LEVEL must be debug, info, warn or error.');
  const config: AppConfig = {
    port,
    host: env.HOST || '0.0.0.0',
    dataDir: resolve(env.DATA_DIR || '.data'),
    scoreModelsDir: resolve(env.SCORE_MODELS_DIR || 'score-models'),
    eventStoreUrl,
    readStoreUrl,
    keyStoreUrl,
    runProjector: env.RUN_PROJECTOR !== 'false',
    devSignIn: env.DEV_SIGN_IN === 'true' || (!eventStoreUrl && env.DEV_SIGN_IN !== 'false'),
    projectorBatchSize: integer('PROJECTOR_BATCH_SIZE', 500, 1, 10_000),
    projectorBatchWaitMs: integer('PROJECTOR_BATCH_WAIT_MS', 5, 0, 10_000),
    projectorLeaseMs: integer('PROJECTOR_LEASE_MS', 10_000, 1_000, 600_000),
    readWaitMs: integer('READ_WAIT_MS', 5_000, 0, 5_000),
    claimMinutes: integer('CLAIM_MINUTES', 30, 1, 480),
    databasePoolSize: integer('DATABASE_POOL_SIZE', 10, 1, 1000),
    databaseApplicationName: env.DATABASE_APPLICATION_NAME || `arrears-${processName}`,
    databaseConnectTimeoutMs: integer('DATABASE_CONNECT_TIMEOUT_MS', 5_000, 100, 120_000),
    databaseQueryTimeoutMs,
    commandMaxAttempts: integer('COMMAND_MAX_ATTEMPTS', 5, 1, 100),
    accountCacheSize: integer('ACCOUNT_CACHE_SIZE', 10_000, 0, 10_000_000),
    accountSnapshotEvery: integer('ACCOUNT_SNAPSHOT_EVERY', 25, 0, 1_000_000),
    idempotencyLeaseMs: integer('IDEMPOTENCY_LEASE_MS', 30_000, 1_000, 3_600_000),
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 1_048_576, 1_024, 104_857_600),
    rateLimitPerSecond: integer('RATE_LIMIT_PER_SECOND', 200, 0, 1_000_000),
    rateLimitShared: env.RATE_LIMIT_SHARED === 'true',
    corsOrigins,
    shutdownGraceMs: integer('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    logLevel,
    contactPolicies: jsonObject('CONTACT_POLICIES'),
    reportingTimeZones: timeZones('REPORTING_TIME_ZONES'),
    creditorProfiles,
    noticeTemplates,
    publicUrl,
    promiseGraceDays: integer('PROMISE_GRACE_DAYS', 2, 0, 30),
    portal: { linkDays: integer('PORTAL_LINK_DAYS', 30, 1, 365), sessionMinutes: integer('PORTAL_SESSION_MINUTES', 15, 1, 120) },
    runScheduler: env.RUN_SCHEDULER !== 'false',
    schedulerIntervalMs: integer('SCHEDULER_INTERVAL_MS', 5_000, 100, 3_600_000),
    schedulerPartitions: integer('SCHEDULER_PARTITIONS', 1, 1, 256),
    installmentGraceDays: integer('INSTALLMENT_GRACE_DAYS', 3, 0, 30),
    planBreakAfter: integer('PLAN_BREAK_AFTER_MISSED', 2, 1, 12),
    collectionStrategies: jsonObject('COLLECTION_STRATEGIES'),
    scoreModelFiles: scoreModelFilesOf(env, problems),
    scoreModelAssignment: jsonValueOf(env, 'SCORE_MODELS', problems),
    riskSegments: jsonObjectOf('RISK_SEGMENTS', (value) => typeof value === 'number', 'numbers') as Record<string, number>,
    worklistOrder,
    smtpUrl,
    notifyFrom: env.NOTIFY_FROM || 'Arrears <no-reply@arrears.invalid>',
    sms,
    printMail,
    delivery: {
      maxAttempts: integer('NOTIFY_MAX_ATTEMPTS', 8, 1, 100),
      retryBaseMs: integer('NOTIFY_RETRY_BASE_MS', 60_000, 100, 86_400_000),
      retryMaxMs: integer('NOTIFY_RETRY_MAX_MS', 3_600_000, 100, 7 * 86_400_000),
      timeoutMs: integer('NOTIFY_TIMEOUT_MS', 10_000, 100, 300_000),
    },
    webhooks: {
      run: env.RUN_WEBHOOKS !== 'false',
      maxAttempts: integer('WEBHOOK_MAX_ATTEMPTS', 16, 1, 100),
      retryBaseMs: integer('WEBHOOK_RETRY_BASE_MS', 1_000, 1, 3_600_000),
      retryMaxMs: integer('WEBHOOK_RETRY_MAX_MS', 300_000, 1, 86_400_000),
      timeoutMs: integer('WEBHOOK_TIMEOUT_MS', 10_000, 10, 120_000),
      concurrency: integer('WEBHOOK_CONCURRENCY', 8, 1, 256),
      pollMs: integer('WEBHOOK_POLL_MS', 1_000, 10, 600_000),
      leaseMs: integer('WEBHOOK_LEASE_MS', 15_000, 1_000, 600_000),
      allowHttp: env.WEBHOOK_ALLOW_HTTP === 'true',
      // A subscriber names the URL: in production, the service's own network is out of its reach unless allowed.
      allowPrivateReceivers: env.WEBHOOK_ALLOW_PRIVATE_RECEIVERS ? env.WEBHOOK_ALLOW_PRIVATE_RECEIVERS === 'true' : env.NODE_ENV !== 'production',
    },
    clockStart: clockStart && !Number.isNaN(clockStart.getTime()) ? clockStart : undefined,
    auth: {
      ...(authSecret ? { secret: authSecret } : {}),
      ...(jwksUrl ? { jwksUrl } : {}),
      ...(issuer ? { issuer } : {}),
      ...(audience ? { audience } : {}),
      ...(env.AUTH_REVOKED_FILE ? { revokedFile: resolve(env.AUTH_REVOKED_FILE) } : {}),
      revokedRefreshMs: integer('AUTH_REVOKED_REFRESH_MS', 5_000, 0, 3_600_000),
      ...(oidcClientId ? { oidc: { clientId: oidcClientId, scope: env.AUTH_OIDC_SCOPE || 'openid' } } : {}),
    },
    trustProxy: trustProxyOf(env.TRUST_PROXY),
    testIdempotencyCompletionDelayMs: integer('TEST_IDEMPOTENCY_COMPLETION_DELAY_MS', 0, 0, 600_000),
    metricsToken,
    chainKey,
    chainCheckpointIntervalMs: integer('CHAIN_CHECKPOINT_INTERVAL_MS', 60_000, 0, 86_400_000),
    keyEncryptionKey,
    onlinePayments,
    creditBureau: creditBureau && { ...creditBureau, timeoutMs: integer('CREDIT_BUREAU_TIMEOUT_MS', 10_000, 100, 120_000) },
  };
  if (config.delivery.retryMaxMs < config.delivery.retryBaseMs) problems.push('NOTIFY_RETRY_MAX_MS must not be less than NOTIFY_RETRY_BASE_MS.');
  if (config.webhooks.retryMaxMs < config.webhooks.retryBaseMs) problems.push('WEBHOOK_RETRY_MAX_MS must not be less than WEBHOOK_RETRY_BASE_MS.');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * A provider's URL: https, or http to this machine only (a local relay, a test's fake server), since
 * the credentials travel with every request.
 */
function providerUrlProblem(name: string, url: string): string | undefined {
  const local = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/;
  if (URL.canParse(url) && (url.startsWith('https://') || local.test(url))) return undefined;
  return `${name} must be an https:// URL (http:// only to localhost), not "${url.split(':')[0]}:…".`;
}

/** The SMS provider's settings: all four together, or none (SMS then go to the notification file). */
function smsProviderOf(env: NodeJS.ProcessEnv, problems: string[]): AppConfig['sms'] {
  const [url, accountSid, authToken, from] = (['SMS_PROVIDER_URL', 'SMS_ACCOUNT_SID', 'SMS_AUTH_TOKEN', 'SMS_FROM'] as const).map(
    (name) => env[name] || undefined,
  );
  if (!url) {
    if (accountSid || authToken || from) problems.push('SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM need SMS_PROVIDER_URL (the provider to send through).');
    return undefined;
  }
  const before = problems.length;
  const urlProblem = providerUrlProblem('SMS_PROVIDER_URL', url);
  if (urlProblem) problems.push(urlProblem);
  if (!accountSid || !/^AC[0-9a-fA-F]{32}$/.test(accountSid))
    problems.push('SMS_ACCOUNT_SID must be the account SID (AC and 32 hex digits) with SMS_PROVIDER_URL.');
  if (!authToken) problems.push('SMS_AUTH_TOKEN (or SMS_AUTH_TOKEN_FILE) is required with SMS_PROVIDER_URL.');
  if (!from || !/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/.test(from)) {
    problems.push('SMS_FROM must be the sending number in E.164 (+15551234567) or a Messaging Service SID (MG and 32 hex digits).');
  }
  return problems.length === before ? { url, accountSid: accountSid as string, authToken: authToken as string, from: from as string } : undefined;
}

/** The print-and-mail service's settings: URL and key together, or neither (letters then go to DATA_DIR/letters). */
function printMailOf(env: NodeJS.ProcessEnv, problems: string[]): AppConfig['printMail'] {
  const url = env.PRINT_MAIL_URL || undefined;
  const apiKey = env.PRINT_MAIL_API_KEY || undefined;
  if (!url) {
    if (apiKey) problems.push('PRINT_MAIL_API_KEY needs PRINT_MAIL_URL (the service to send letters to).');
    return undefined;
  }
  const urlProblem = providerUrlProblem('PRINT_MAIL_URL', url);
  if (urlProblem) problems.push(urlProblem);
  if (!apiKey) problems.push('PRINT_MAIL_API_KEY (or PRINT_MAIL_API_KEY_FILE) is required with PRINT_MAIL_URL.');
  return urlProblem || !apiKey ? undefined : { url, apiKey };
}

/** The credit bureau's URL and key: both or neither. */
function creditBureauOf(env: NodeJS.ProcessEnv, problems: string[]): { url: string; apiKey: string } | undefined {
  const url = env.CREDIT_BUREAU_URL || undefined;
  const apiKey = env.CREDIT_BUREAU_API_KEY || undefined;
  if (!url) {
    if (apiKey) problems.push('CREDIT_BUREAU_API_KEY needs CREDIT_BUREAU_URL (the bureau to ask).');
    return undefined;
  }
  const urlProblem = providerUrlProblem('CREDIT_BUREAU_URL', url);
  if (urlProblem) problems.push(urlProblem);
  if (!apiKey) problems.push('CREDIT_BUREAU_API_KEY (or CREDIT_BUREAU_API_KEY_FILE) is required with CREDIT_BUREAU_URL.');
  return urlProblem || !apiKey ? undefined : { url, apiKey };
}

/**
 * The payment provider: `test` by default on the embedded default (no EVENT_STORE_URL) and never in
 * production, where it would let anyone mark an account paid; Stripe with both its keys; else none.
 */
function onlinePaymentsOf(env: NodeJS.ProcessEnv, problems: string[]): OnlinePaymentsConfig {
  const provider = env.PAYMENT_PROVIDER || (env.EVENT_STORE_URL || env.NODE_ENV === 'production' ? 'none' : 'test');
  const secretKey = env.STRIPE_SECRET_KEY || undefined;
  const webhookSecret = env.STRIPE_WEBHOOK_SECRET || undefined;
  if (provider !== 'stripe' && (secretKey || webhookSecret)) problems.push('STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET need PAYMENT_PROVIDER=stripe.');
  switch (provider) {
    case 'none':
      return { provider };
    case 'test':
      if (env.NODE_ENV === 'production') problems.push('PAYMENT_PROVIDER=test marks accounts paid without any money and is refused when NODE_ENV=production.');
      return { provider };
    case 'stripe':
      if (!secretKey || !/^(sk|rk)_(test|live)_\w+$/.test(secretKey))
        problems.push('STRIPE_SECRET_KEY (or STRIPE_SECRET_KEY_FILE) must be a Stripe secret or restricted key (sk_… or rk_…) with PAYMENT_PROVIDER=stripe.');
      if (!webhookSecret || !/^whsec_\w+$/.test(webhookSecret))
        problems.push(
          'STRIPE_WEBHOOK_SECRET (or STRIPE_WEBHOOK_SECRET_FILE) must be the webhook endpoint’s signing secret (whsec_…) with PAYMENT_PROVIDER=stripe.',
        );
      return secretKey && webhookSecret ? { provider, secretKey, webhookSecret } : { provider: 'none' };
    default:
      problems.push(`PAYMENT_PROVIDER must be test, stripe or none, not "${provider}".`);
      return { provider: 'none' };
  }
}

/** Whether the runtime knows the IANA time zone (the platform cannot ask the domain). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone each creditor's KPIs date instants in, by creditor id: its own, else the configured default, else UTC. */
export type ReportingZones = (creditorId: string) => string;

export function reportingZones(zones: Record<string, string>): ReportingZones {
  const byCreditor = new Map(Object.entries(zones));
  const fallback = byCreditor.get('default') ?? 'UTC';
  return (creditorId) => byCreditor.get(creditorId) ?? fallback;
}

/** `TRUST_PROXY` in the forms Fastify's trustProxy takes: a boolean, a hop count, or addresses. */
function trustProxyOf(raw: string | undefined): boolean | number | string {
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}
