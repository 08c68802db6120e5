// The import boundaries of the code base, checked by `npm test` (`npm run check:imports`).
// Layers, lowest first: the pure engines (lib/forecast, lib/inventory) → the store (lib/store) →
// the domain services (pipeline, service, events, ingest, actions, overrides, accuracy, dashboard
// read models) → the edges (app routes and pages, the command line). The browser side
// (components, lib/client) reaches data only over HTTP through lib/client.
const ours = '^(lib|app|components|bin)/';
const serverOnly = '^lib/(store|service|pipeline|events|ingest|demo|cli|runtime|metrics|http)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'pure-engines',
      comment:
        'lib/forecast and lib/inventory are pure: arrays in, arrays out. They import nothing of ours outside themselves, no Node built-in (no I/O, no clock) and no package.',
      severity: 'error',
      from: { path: '^lib/(forecast|inventory)/' },
      to: { pathNot: ['^lib/forecast/', '^lib/inventory/'] },
    },
    {
      name: 'forecast-knows-no-inventory',
      comment: 'The forecasting engine does not depend on inventory policy.',
      severity: 'error',
      from: { path: '^lib/forecast/' },
      to: { path: '^lib/inventory/' },
    },
    {
      name: 'store-does-not-reach-up',
      comment:
        'The store is below every service: it may use the engines’ vocabularies (labels, types), the events’ batch layout and the runtime, never the code that uses it.',
      severity: 'error',
      from: { path: '^lib/store/' },
      to: {
        path: [ours],
        pathNot: ['^lib/store/', '^lib/runtime/', '^lib/forecast/', '^lib/inventory/', '^lib/events/(batch|wire)\\.ts$'],
      },
    },
    {
      name: 'browser-reaches-data-through-client',
      comment:
        'Components and lib/client run in the browser: they reach data only over HTTP (lib/client), never the store, the services or server-only modules, not even through another module.',
      severity: 'error',
      from: { path: '^(components|lib/client)/' },
      to: { path: serverOnly, reachable: true },
    },
    {
      name: 'browser-no-node',
      comment: 'Browser code imports no Node built-in and no database driver.',
      severity: 'error',
      from: { path: '^(components|lib/client)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'http-at-the-edges',
      comment:
        'Domain code refuses with lib/runtime/refusal.ts (a kind, not a status); only lib/http and the routes speak HTTP.',
      severity: 'error',
      from: { path: '^lib/', pathNot: '^lib/(http|client)/' },
      to: { path: '^lib/http/' },
    },
    {
      name: 'framework-at-the-edges',
      comment: 'Next.js is used by the app, the components and the HTTP helpers; domain code does not import it.',
      severity: 'error',
      from: { path: '^lib/', pathNot: '^lib/(http|client)/' },
      to: { path: '^node_modules/next/' },
    },
    {
      name: 'no-runtime-cycles',
      comment: 'No module depends on itself at run time.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-dev-deps-in-product',
      comment: 'What ships (lib, app, components, bin) does not import devDependencies.',
      severity: 'error',
      from: { path: ours },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'no-undeclared-packages',
      comment: 'Every package imported is declared in package.json.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    // The boundaries are about code that runs: type-only imports vanish when compiled, and sharing
    // one definition of an API's answer between server and browser beats restating it.
    tsPreCompilationDeps: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
