/**
 * The architecture's arrows, checked by `npm test`: apps → libs; adapters → ports; everything → domain;
 * the domain → nothing but itself.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain is pure TypeScript: no Nest, no drivers, no Node I/O, no adapter, not even their types.',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: '^libs/domain/' },
    },
    {
      name: 'domain-specs-use-only-the-domain-and-test-helpers',
      comment: 'fast-check generates inputs for property specs: a test tool like jest, with no I/O and no clock.',
      severity: 'error',
      from: { path: '^libs/domain/.*\\.spec\\.ts$' },
      to: { pathNot: ['^libs/domain/', '^libs/testing/', '^node_modules/fast-check/'] },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'only-apps-import-the-composition-root',
      comment:
        'libs/backends wires every adapter into the app; a library that imported it would depend on all of them. Libraries take their configuration (APP_CONFIG) from platform and their tokens from the library that declares them.',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/backends/' },
      to: { path: '^libs/backends/' },
    },
    {
      name: 'ports-know-no-adapter',
      comment: 'A port (and what it is made of) does not depend on any of its adapters.',
      severity: 'error',
      from: { path: '^libs/(event-store/src/(event-store\\.port|errors)|read-store/src/read-store\\.port)\\.ts$' },
      to: { path: '^libs/(event-store|read-store)/src/(postgres|eventstoredb|mongodb|in-memory)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^dist/' },
  },
};
