/** Dependency rules from docs/ARCHITECTURE.md, checked by `npm run lint:deps`. */
const MODULES = ['telephony', 'routing', 'crm-core', 'ivr-scripts', 'outbound'];

const IO_LIBRARIES =
  '^(node_modules/(ioredis|bullmq|knex|pg|express|socket\\.io|socket\\.io-client|ari-client|ws|pino|@electric-sql)/|(node:)?(fs|fs/promises|net|http|https|child_process|dgram)$)';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Import cycles make the call path unreadable and break module start-up order.',
      from: {},
      to: { circular: true },
    },
    ...MODULES.map((m) => ({
      name: `only-public-api-of-${m}`,
      severity: 'error',
      comment: `Other folders reach ${m}/ only through ${m}/index.ts (tests may reach inside).`,
      from: { path: '^(?!test/)', pathNot: `^${m}/` },
      to: { path: `^${m}/`, pathNot: `^${m}/index\\.ts$` },
    })),
    {
      name: 'modules-do-not-import-each-other',
      severity: 'error',
      comment: 'telephony, routing and crm-core meet only through ports wired in server/.',
      from: { path: '^(telephony|routing|crm-core)/' },
      to: { path: '^(telephony|routing|crm-core)/', pathNot: '^$1/' },
    },
    {
      name: 'pure-modules-have-no-io',
      severity: 'error',
      comment: 'routing/, ivr-scripts/ and outbound/ are pure: no I/O library, no other module.',
      from: {
        path: '^(routing|ivr-scripts|outbound)/',
        pathNot: '^(routing|ivr-scripts|outbound)/(node_modules)',
      },
      to: { path: IO_LIBRARIES },
    },
    {
      name: 'pure-modules-stay-alone',
      severity: 'error',
      from: { path: '^(routing|ivr-scripts|outbound)/' },
      to: { path: '^(telephony|crm-core|server|agent-ui)/' },
    },
    {
      name: 'modules-do-not-import-server',
      severity: 'error',
      comment: 'server/ is the composition root; nothing but tests and scripts imports it.',
      from: { path: '^(telephony|routing|crm-core|ivr-scripts)/' },
      to: { path: '^server/', pathNot: '^server/contracts/' },
    },
    {
      name: 'ui-imports-only-contract-types',
      severity: 'error',
      comment: 'The console shares only the typed event map and payload types with the server.',
      from: { path: '^agent-ui/' },
      to: {
        path: '^(server|telephony|routing|crm-core|ivr-scripts)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'ui-contracts-only',
      severity: 'error',
      from: { path: '^agent-ui/' },
      to: {
        path: '^(server|telephony|routing|crm-core|ivr-scripts)/',
        pathNot: '^server/contracts/',
      },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.svelte', '.mjs', '.cjs', '.json'],
    },
  },
};
