import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, reportingZones, secretVariables } from './config';

/** What production needs at the least besides its secrets. */
const productionEnv = () => ({ NODE_ENV: 'production', PUBLIC_URL: 'https://arrears.example.com', CREDITOR_PROFILES: JSON.stringify({ default: {} }) });

describe('loadConfig', () => {
  it('defaults to the embedded database on port 3000 with data in ./.data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, eventStoreUrl: undefined });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('takes the stores and port from the environment', () => {
    const env = { EVENT_STORE_URL: 'esdb://localhost:2113?tls=false', READ_STORE_URL: 'mongodb://localhost:27017/arrears', PORT: '8080' };
    expect(loadConfig(env)).toMatchObject({
      eventStoreUrl: 'esdb://localhost:2113?tls=false',
      readStoreUrl: 'mongodb://localhost:27017/arrears',
      port: 8080,
    });
  });

  it('lists every problem at once', () => {
    let thrown: unknown;
    try {
      loadConfig({ PORT: 'eighty', EVENT_STORE_URL: 'mysql://x', DATABASE_POOL_SIZE: '0' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toHaveLength(3);
  });
});

describe('loadConfig: read store', () => {
  it('uses the event store’s PostgreSQL when READ_STORE_URL is unset, MongoDB when it says so', () => {
    expect(loadConfig({}).readStoreUrl).toBeUndefined();
    expect(loadConfig({ READ_STORE_URL: 'mongodb://mongo:27017/arrears' }).readStoreUrl).toBe('mongodb://mongo:27017/arrears');
  });
  it('refuses other schemes, and EventStoreDB without a read store', () => {
    expect(() => loadConfig({ READ_STORE_URL: 'redis://x' })).toThrow(/READ_STORE_URL must start with/);
    expect(() => loadConfig({ EVENT_STORE_URL: 'esdb://esdb:2113?tls=false' })).toThrow(/READ_STORE_URL .* is required/);
  });
  it('keeps data keys in the read store’s database unless KEY_STORE_URL names another', () => {
    expect(loadConfig({}).keyStoreUrl).toBeUndefined();
    expect(loadConfig({ KEY_STORE_URL: 'postgres://keys/arrears' }).keyStoreUrl).toBe('postgres://keys/arrears');
    expect(() => loadConfig({ KEY_STORE_URL: 'esdb://esdb:2113' })).toThrow(/KEY_STORE_URL must start with/);
  });
  it('turns CORS on only for the origins listed, and refuses what is not an origin', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://app.example.com, http://localhost:5173' }).corsOrigins).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS must list origins/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://app.example.com/path' })).toThrow(/CORS_ORIGINS must list origins/);
  });
  it('counts rate limits per process unless told to share them with the replicas, and takes only true or false', () => {
    expect(loadConfig({}).rateLimitShared).toBe(false);
    expect(loadConfig({ RATE_LIMIT_SHARED: 'true' }).rateLimitShared).toBe(true);
    expect(() => loadConfig({ RATE_LIMIT_SHARED: 'yes' })).toThrow(/RATE_LIMIT_SHARED must be true or false/);
  });
  it('caps the read-your-writes wait at 5 s', () => {
    expect(() => loadConfig({ READ_WAIT_MS: '6000' })).toThrow(/READ_WAIT_MS/);
  });

  it('requires the issuer and audience a JWKS token must name', () => {
    expect(() => loadConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks.json' })).toThrow(/AUTH_ISSUER and AUTH_AUDIENCE are required with AUTH_JWKS_URL/);
    expect(loadConfig({ AUTH_JWKS_URL: 'https://idp.example/jwks.json', AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'arrears' }).auth).toMatchObject({
      issuer: 'https://idp.example',
      audience: 'arrears',
    });
  });

  it('offers the console single sign-on only with the identity provider whose tokens it verifies', () => {
    const provider = { AUTH_JWKS_URL: 'https://idp.example/jwks.json', AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'arrears' };
    expect(loadConfig(provider).auth.oidc).toBeUndefined();
    expect(loadConfig({ ...provider, AUTH_OIDC_CLIENT_ID: 'arrears-console' }).auth.oidc).toEqual({ clientId: 'arrears-console', scope: 'openid' });
    expect(loadConfig({ ...provider, AUTH_OIDC_CLIENT_ID: 'c', AUTH_OIDC_SCOPE: 'openid collections' }).auth.oidc?.scope).toBe('openid collections');
    expect(() => loadConfig({ AUTH_OIDC_CLIENT_ID: 'arrears-console' })).toThrow(/AUTH_OIDC_CLIENT_ID needs AUTH_JWKS_URL/);
    expect(() => loadConfig({ ...provider, AUTH_ISSUER: 'idp.example', AUTH_OIDC_CLIENT_ID: 'c' })).toThrow(/AUTH_ISSUER must be the identity provider’s URL/);
  });

  it('reads TRUST_PROXY as Fastify takes it: off by default, a boolean, a hop count or addresses', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).trustProxy).toBe('10.0.0.0/8,127.0.0.1');
  });

  it("refuses the crash tests' completion delay in production", () => {
    expect(loadConfig({ TEST_IDEMPOTENCY_COMPLETION_DELAY_MS: '5000' }).testIdempotencyCompletionDelayMs).toBe(5000);
    expect(() => loadConfig({ TEST_IDEMPOTENCY_COMPLETION_DELAY_MS: '5000', NODE_ENV: 'production' })).toThrow(/refused when NODE_ENV=production/);
  });

  it('needs, in production, the public URL opt-out links point to (1006.6(e)) and a default creditor profile (1006.34(c)(2))', () => {
    const production = productionEnv();
    expect(loadConfig(production).publicUrl).toBe('https://arrears.example.com');
    expect(() => loadConfig({ ...production, PUBLIC_URL: '' })).toThrow(/PUBLIC_URL is required when NODE_ENV=production/);
    expect(() => loadConfig({ ...production, CREDITOR_PROFILES: JSON.stringify({ 'cred-1': {} }) })).toThrow(/CREDITOR_PROFILES must give a "default" profile/);
    expect(loadConfig({}).publicUrl).toBe('http://localhost:3000');
  });

  it('takes payments with the test provider on the embedded default only, never in production, and with Stripe given both its keys', () => {
    expect(loadConfig({}).onlinePayments).toEqual({ provider: 'test' });
    expect(loadConfig({ EVENT_STORE_URL: 'postgres://db/arrears' }).onlinePayments).toEqual({ provider: 'none' });
    expect(loadConfig({ EVENT_STORE_URL: 'postgres://db/arrears', PAYMENT_PROVIDER: 'test' }).onlinePayments).toEqual({ provider: 'test' });
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'test', NODE_ENV: 'production' })).toThrow(/PAYMENT_PROVIDER=test .* refused when NODE_ENV=production/);
    expect(loadConfig({ PAYMENT_PROVIDER: 'stripe', ...stripeKeys }).onlinePayments).toEqual({
      provider: 'stripe',
      secretKey: stripeKeys.STRIPE_SECRET_KEY,
      webhookSecret: stripeKeys.STRIPE_WEBHOOK_SECRET,
    });
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'pk_test_1' })).toThrow(/STRIPE_SECRET_KEY .*\n.*STRIPE_WEBHOOK_SECRET/);
    expect(() => loadConfig({ STRIPE_SECRET_KEY: stripeKeys.STRIPE_SECRET_KEY })).toThrow(/need PAYMENT_PROVIDER=stripe/);
    expect(() => loadConfig({ PAYMENT_PROVIDER: 'paypal' })).toThrow(/PAYMENT_PROVIDER must be test, stripe or none/);
  });

  it('starts the clock at CLOCK_START for demos, and refuses it in production', () => {
    expect(loadConfig({ CLOCK_START: '2026-01-31T14:00:00Z' }).clockStart?.toISOString()).toBe('2026-01-31T14:00:00.000Z');
    expect(() => loadConfig({ CLOCK_START: '2026-01-31T14:00:00Z', NODE_ENV: 'production' })).toThrow(/CLOCK_START .* refused when NODE_ENV=production/);
    expect(() => loadConfig({ CLOCK_START: 'soon' })).toThrow(/CLOCK_START must be an ISO 8601 instant/);
  });

  it('bounds a PostgreSQL statement at 15 s by default, at 0 not at all, and refuses a bound that would fail healthy statements', () => {
    expect(loadConfig({}).databaseQueryTimeoutMs).toBe(15_000);
    expect(loadConfig({ DATABASE_QUERY_TIMEOUT_MS: '0' }).databaseQueryTimeoutMs).toBe(0);
    expect(loadConfig({ DATABASE_QUERY_TIMEOUT_MS: '100' }).databaseQueryTimeoutMs).toBe(100);
    expect(() => loadConfig({ DATABASE_QUERY_TIMEOUT_MS: '99' })).toThrow(/DATABASE_QUERY_TIMEOUT_MS must be 0 \(no bound\) or at least 100/);
    expect(() => loadConfig({ DATABASE_QUERY_TIMEOUT_MS: '-1' })).toThrow(/DATABASE_QUERY_TIMEOUT_MS must be a whole number from 0/);
  });

  it('runs the scheduler every 5 s by default, and checks its settings', () => {
    expect(loadConfig({})).toMatchObject({ runScheduler: true, schedulerIntervalMs: 5_000, installmentGraceDays: 3, planBreakAfter: 2, smtpUrl: undefined });
    expect(() => loadConfig({ SCHEDULER_INTERVAL_MS: '0' })).toThrow(/SCHEDULER_INTERVAL_MS must be a whole number from 100/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL must start with smtp:\/\//);
  });

  it('dates KPIs in each creditor’s reporting zone, else the default one, else UTC; and refuses an unknown zone', () => {
    const zones = reportingZones(loadConfig({ REPORTING_TIME_ZONES: '{"cred-ny":"America/New_York","default":"Europe/Paris"}' }).reportingTimeZones);
    expect([zones('cred-ny'), zones('cred-other'), zones('__proto__')]).toEqual(['America/New_York', 'Europe/Paris', 'Europe/Paris']);
    expect(reportingZones(loadConfig({}).reportingTimeZones)('cred-ny')).toBe('UTC');
    expect(() => loadConfig({ REPORTING_TIME_ZONES: '{"cred-ny":"Mars/Olympus"}' })).toThrow(/REPORTING_TIME_ZONES must be a JSON object of IANA time zones/);
  });

  it('bases opt-out links on PUBLIC_URL, else this port on localhost; and refuses what is not an http(s) URL', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://arrears.example/' }).publicUrl).toBe('https://arrears.example');
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://arrears.example' })).toThrow(/PUBLIC_URL must be an http\(s\) URL/);
  });

  describe('secrets from files (NAME_FILE)', () => {
    const secretFile = (content: string) => {
      const file = join(mkdtempSync(join(tmpdir(), 'arrears-secret-')), 'secret');
      writeFileSync(file, content, { mode: 0o600 });
      return file;
    };
    it.each(secretVariables)('reads %s from the file %s_FILE names, trimmed', (name) => {
      const value = name.endsWith('URL')
        ? name === 'SMTP_URL'
          ? 'smtp://user:pass@mail:587'
          : 'postgres://user:pass@db/arrears'
        : (stripeKeys[name] ?? 'a'.repeat(40));
      const config = loadConfig({ ...providersNeeding(name), [`${name}_FILE`]: secretFile(`${value}\n`) });
      const read = {
        AUTH_JWT_SECRET: config.auth.secret,
        METRICS_TOKEN: config.metricsToken,
        CHAIN_KEY: config.chainKey,
        KEY_ENCRYPTION_KEY: config.keyEncryptionKey,
        EVENT_STORE_URL: config.eventStoreUrl,
        READ_STORE_URL: config.readStoreUrl,
        KEY_STORE_URL: config.keyStoreUrl,
        SMTP_URL: config.smtpUrl,
        SMS_AUTH_TOKEN: config.sms?.authToken,
        PRINT_MAIL_API_KEY: config.printMail?.apiKey,
        STRIPE_SECRET_KEY: config.onlinePayments.provider === 'stripe' ? config.onlinePayments.secretKey : undefined,
        STRIPE_WEBHOOK_SECRET: config.onlinePayments.provider === 'stripe' ? config.onlinePayments.webhookSecret : undefined,
        CREDIT_BUREAU_API_KEY: config.creditBureau?.apiKey,
      };
      expect(read[name]).toBe(value);
    });
    it('refuses a file that cannot be read, and a secret given both ways', () => {
      expect(() => loadConfig({ AUTH_JWT_SECRET_FILE: '/nonexistent/secret' })).toThrow(/AUTH_JWT_SECRET_FILE names a file that cannot be read \(ENOENT\)/);
      expect(() => loadConfig({ METRICS_TOKEN: 'b'.repeat(40), METRICS_TOKEN_FILE: secretFile('c'.repeat(40)) })).toThrow(
        /Set METRICS_TOKEN or METRICS_TOKEN_FILE, not both/,
      );
    });
    it('validates what the file holds like the variable itself', () => {
      expect(() => loadConfig({ METRICS_TOKEN_FILE: secretFile('short') })).toThrow(/METRICS_TOKEN must be at least 32 characters/);
    });
  });
});

describe('loadConfig: the behaviour score', () => {
  const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('reads every JSON file of the models’ folder, parsed, and orders the worklist by the heuristic unless told', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arrears-models-'));
    writeFileSync(join(dir, 'b.json'), '{"version":"b"}');
    writeFileSync(join(dir, 'a.json'), '{"version":"a"}');
    writeFileSync(join(dir, 'notes.txt'), 'not a model');
    const config = loadConfig({ SCORE_MODELS_DIR: dir, SCORE_MODELS: '{"champion":"a"}', RISK_SEGMENTS: '{"highRiskBelow":0.2}' });
    expect(config.scoreModelFiles).toEqual([
      { file: join(dir, 'a.json'), content: { version: 'a' } },
      { file: join(dir, 'b.json'), content: { version: 'b' } },
    ]);
    expect(config).toMatchObject({ scoreModelAssignment: { champion: 'a' }, riskSegments: { highRiskBelow: 0.2 }, worklistOrder: 'heuristic' });
    expect(loadConfig({ WORKLIST_ORDER: 'expected-recovery' }).worklistOrder).toBe('expected-recovery');
  });

  it('refuses a folder named outright that is not there, a file or a setting that is not JSON, an order it does not know', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arrears-models-'));
    writeFileSync(join(dir, 'broken.json'), '{"version":');
    expect(problemsOf({ SCORE_MODELS_DIR: join(dir, 'absent') })).toEqual([expect.stringMatching(/^SCORE_MODELS_DIR must name a readable folder \(ENOENT\)/)]);
    expect(problemsOf({ SCORE_MODELS_DIR: dir, SCORE_MODELS: '{champion}', RISK_SEGMENTS: '{"lowRiskFrom":"high"}', WORKLIST_ORDER: 'largest' })).toEqual([
      'WORKLIST_ORDER must be heuristic or expected-recovery, not "largest".',
      expect.stringMatching(/^SCORE_MODELS_DIR holds .*broken\.json, which is not a readable JSON file/),
      'SCORE_MODELS must be JSON',
      'RISK_SEGMENTS must be a JSON object of numbers',
    ]);
  });
});

describe('loadConfig: webhooks out', () => {
  it('delivers in every process by default, 16 tries from 1 s to 5 min, 10 s each, 8 accounts at once', () => {
    expect(loadConfig({}).webhooks).toEqual({
      run: true,
      maxAttempts: 16,
      retryBaseMs: 1_000,
      retryMaxMs: 300_000,
      timeoutMs: 10_000,
      concurrency: 8,
      pollMs: 1_000,
      leaseMs: 15_000,
      allowHttp: false,
      allowPrivateReceivers: true,
    });
    expect(loadConfig({ RUN_WEBHOOKS: 'false', WEBHOOK_ALLOW_HTTP: 'true' }).webhooks).toMatchObject({ run: false, allowHttp: true });
  });

  it('keeps receivers on private networks out of reach in production unless allowed', () => {
    expect(loadConfig(productionEnv()).webhooks.allowPrivateReceivers).toBe(false);
    expect(loadConfig({ ...productionEnv(), WEBHOOK_ALLOW_PRIVATE_RECEIVERS: 'true' }).webhooks.allowPrivateReceivers).toBe(true);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE_RECEIVERS: 'false' }).webhooks.allowPrivateReceivers).toBe(false);
  });

  it('refuses a cap below the first delay, and numbers out of range', () => {
    expect(() => loadConfig({ WEBHOOK_RETRY_BASE_MS: '5000', WEBHOOK_RETRY_MAX_MS: '1000' })).toThrow(/WEBHOOK_RETRY_MAX_MS must not be less/);
    expect(() => loadConfig({ WEBHOOK_CONCURRENCY: '0' })).toThrow(/WEBHOOK_CONCURRENCY must be a whole number from 1 to 256/);
  });
});

/** The settings a provider's secret comes with: a token alone configures nothing. */
const smsProvider = { SMS_PROVIDER_URL: 'https://api.twilio.com', SMS_ACCOUNT_SID: `AC${'0a'.repeat(16)}`, SMS_FROM: '+15005550006' };
const stripeKeys: Record<string, string> = { STRIPE_SECRET_KEY: `sk_test_${'a'.repeat(32)}`, STRIPE_WEBHOOK_SECRET: `whsec_${'b'.repeat(32)}` };
const stripeNeeding = (name: string): Record<string, string> => ({
  PAYMENT_PROVIDER: 'stripe',
  ...Object.fromEntries(Object.entries(stripeKeys).filter(([key]) => key !== name)),
});
const providersNeeding = (name: string): Record<string, string> =>
  name === 'SMS_AUTH_TOKEN'
    ? smsProvider
    : name === 'PRINT_MAIL_API_KEY'
      ? { PRINT_MAIL_URL: 'https://api.lob.com/v1' }
      : name === 'CREDIT_BUREAU_API_KEY'
        ? { CREDIT_BUREAU_URL: 'https://bureau.example/v1' }
        : name in stripeKeys
          ? stripeNeeding(name)
          : {};

describe('loadConfig: the credit bureau', () => {
  it('asks none by default, and one with its URL and key, 10 s each', () => {
    expect(loadConfig({}).creditBureau).toBeUndefined();
    expect(loadConfig({ CREDIT_BUREAU_URL: 'https://bureau.example/v1', CREDIT_BUREAU_API_KEY: 'key' }).creditBureau).toEqual({
      url: 'https://bureau.example/v1',
      apiKey: 'key',
      timeoutMs: 10_000,
    });
  });
  it('refuses half the settings, a URL in clear to another machine, and a timeout out of range', () => {
    expect(() => loadConfig({ CREDIT_BUREAU_API_KEY: 'key' })).toThrow(/CREDIT_BUREAU_API_KEY needs CREDIT_BUREAU_URL/);
    expect(() => loadConfig({ CREDIT_BUREAU_URL: 'https://bureau.example' })).toThrow(/CREDIT_BUREAU_API_KEY .* is required/);
    expect(() => loadConfig({ CREDIT_BUREAU_URL: 'http://bureau.example', CREDIT_BUREAU_API_KEY: 'key' })).toThrow(/CREDIT_BUREAU_URL must be an https/);
    expect(() => loadConfig({ CREDIT_BUREAU_URL: 'https://b.example', CREDIT_BUREAU_API_KEY: 'k', CREDIT_BUREAU_TIMEOUT_MS: '50' })).toThrow(
      /CREDIT_BUREAU_TIMEOUT_MS must be a whole number from 100/,
    );
  });
});

describe('loadConfig: delivery of notifications', () => {
  it('sends by files with no settings, retrying 8 times from 1 min to 1 h', () => {
    expect(loadConfig({})).toMatchObject({
      sms: undefined,
      printMail: undefined,
      delivery: { maxAttempts: 8, retryBaseMs: 60_000, retryMaxMs: 3_600_000, timeoutMs: 10_000 },
    });
  });

  it('takes an SMS provider with its account, token and sender, a number or a Messaging Service', () => {
    const { sms } = loadConfig({ ...smsProvider, SMS_AUTH_TOKEN: 'token' });
    expect(sms).toEqual({ url: 'https://api.twilio.com', accountSid: smsProvider.SMS_ACCOUNT_SID, authToken: 'token', from: '+15005550006' });
    expect(loadConfig({ ...smsProvider, SMS_AUTH_TOKEN: 'token', SMS_FROM: `MG${'1b'.repeat(16)}` }).sms?.from).toBe(`MG${'1b'.repeat(16)}`);
  });

  it('refuses incomplete or malformed SMS settings, naming each', () => {
    expect(() => loadConfig({ SMS_PROVIDER_URL: 'https://api.twilio.com' })).toThrow(
      /SMS_ACCOUNT_SID must be the account SID[\s\S]*SMS_AUTH_TOKEN \(or SMS_AUTH_TOKEN_FILE\) is required[\s\S]*SMS_FROM must be the sending number/,
    );
    expect(() => loadConfig({ ...smsProvider, SMS_AUTH_TOKEN: 't', SMS_FROM: '555-1234' })).toThrow(/SMS_FROM must be the sending number in E.164/);
    expect(() => loadConfig({ SMS_AUTH_TOKEN: 'token' })).toThrow(/SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM need SMS_PROVIDER_URL/);
    expect(() => loadConfig({ ...smsProvider, SMS_AUTH_TOKEN: 't', SMS_PROVIDER_URL: 'http://api.twilio.com' })).toThrow(
      /SMS_PROVIDER_URL must be an https:\/\/ URL \(http:\/\/ only to localhost\)/,
    );
    expect(loadConfig({ ...smsProvider, SMS_AUTH_TOKEN: 't', SMS_PROVIDER_URL: 'http://127.0.0.1:8080' }).sms?.url).toBe('http://127.0.0.1:8080');
  });

  it('takes a print-and-mail service with its key, and refuses one without the other', () => {
    expect(loadConfig({ PRINT_MAIL_URL: 'https://api.lob.com/v1', PRINT_MAIL_API_KEY: 'test_key' }).printMail).toEqual({
      url: 'https://api.lob.com/v1',
      apiKey: 'test_key',
    });
    expect(() => loadConfig({ PRINT_MAIL_URL: 'https://api.lob.com/v1' })).toThrow(/PRINT_MAIL_API_KEY \(or PRINT_MAIL_API_KEY_FILE\) is required/);
    expect(() => loadConfig({ PRINT_MAIL_API_KEY: 'test_key' })).toThrow(/PRINT_MAIL_API_KEY needs PRINT_MAIL_URL/);
  });

  it('checks the retry settings', () => {
    expect(loadConfig({ NOTIFY_MAX_ATTEMPTS: '3', NOTIFY_RETRY_BASE_MS: '1000', NOTIFY_RETRY_MAX_MS: '5000' }).delivery).toMatchObject({
      maxAttempts: 3,
      retryBaseMs: 1000,
      retryMaxMs: 5000,
    });
    expect(() => loadConfig({ NOTIFY_MAX_ATTEMPTS: '0' })).toThrow(/NOTIFY_MAX_ATTEMPTS must be a whole number from 1 to 100/);
    expect(() => loadConfig({ NOTIFY_RETRY_BASE_MS: '60000', NOTIFY_RETRY_MAX_MS: '1000' })).toThrow(
      /NOTIFY_RETRY_MAX_MS must not be less than NOTIFY_RETRY_BASE_MS/,
    );
  });
});

describe('loadConfig: keys held outside the databases', () => {
  it('takes CHAIN_KEY and KEY_ENCRYPTION_KEY, or read and trimmed from the files their *_FILE variants name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arrears-config-'));
    writeFileSync(join(dir, 'kek'), '  a-key-encryption-key-of-32-characters\n');
    const config = loadConfig({ CHAIN_KEY: 'a-chain-key-of-at-least-thirty-two-characters', KEY_ENCRYPTION_KEY_FILE: join(dir, 'kek') });
    expect(config).toMatchObject({ chainKey: 'a-chain-key-of-at-least-thirty-two-characters', keyEncryptionKey: 'a-key-encryption-key-of-32-characters' });
    expect(loadConfig({})).toMatchObject({ chainKey: undefined, keyEncryptionKey: undefined, chainCheckpointIntervalMs: 60_000 });
  });
  it('refuses a short key, both forms at once, and a file it cannot read', () => {
    expect(() => loadConfig({ CHAIN_KEY: 'short' })).toThrow(/CHAIN_KEY must be at least 32 characters/);
    expect(() => loadConfig({ CHAIN_KEY: 'a-chain-key-of-at-least-thirty-two-characters', CHAIN_KEY_FILE: '/x' })).toThrow(
      /Set CHAIN_KEY or CHAIN_KEY_FILE, not both/,
    );
    expect(() => loadConfig({ KEY_ENCRYPTION_KEY_FILE: '/nonexistent/kek' })).toThrow(/KEY_ENCRYPTION_KEY_FILE names a file that cannot be read \(ENOENT\)/);
  });
});
