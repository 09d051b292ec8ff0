/**
 * Three tiers, one run. Unit specs are pure; integration and e2e specs use the embedded PostgreSQL that
 * test/setup/global-setup.ts starts once per run (each spec file then creates its own database).
 */
// tsconfig's isolatedModules makes ts-jest transpile file by file without type-checking (fast);
// `npm test` type-checks everything with tsc first.
const tsJest = ['ts-jest', {}];
// Jest (on Node 20) cannot require ES modules; the few our dependencies pull in are compiled to CommonJS.
const esmDependencies = ['content-disposition'];
const transform = {
  '^.+\\.ts$': tsJest,
  [`node_modules/(${esmDependencies.join('|')})/.+\\.js$`]: ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
};
const transformIgnorePatterns = [`/node_modules/(?!(${esmDependencies.join('|')})/)`];
const moduleNameMapper = {
  '^@arrears/(backends|commands|domain|erasure|event-store|idempotency|online-payments|personal-data|platform|projections|read-store|scheduler|simulation|testing)$':
    '<rootDir>/libs/$1/src',
};
const common = { transform, transformIgnorePatterns, moduleNameMapper, testEnvironment: 'node', rootDir: __dirname };

module.exports = {
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  testTimeout: 60000,
  // A spec that fails part-way may leave a timer or a connection going; the run still ends with its verdict, not in CI's timeout.
  forceExit: true,
  // Every test by name, skipped ones included: a suite skipped for want of a container runtime shows why.
  verbose: true,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.unit.spec.ts'] },
    { ...common, displayName: 'int', testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e.spec.ts'] },
    // The console in Chromium, against the built service (`npm run build` first, as for the e2e specs).
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/browser/**/*.browser.spec.ts'] },
  ],
};
