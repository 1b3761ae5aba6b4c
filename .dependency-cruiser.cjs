// The layering rules `npm run lint` enforces (depcruise model properties src). Type-only imports
// count: they couple the layers as much as value imports do.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'model-stands-alone',
      comment:
        'model/ is the reference model: plain data and pure functions. It must not know the properties ' +
        'that judge it or the tool around it, so it can be read, tested and reshaped on its own.',
      severity: 'error',
      from: { path: '^model/' },
      to: { path: '^(properties|src)/' },
    },
    {
      name: 'properties-judge-the-model-only',
      comment:
        'properties/ are the guarantees, judged on model states: they may use the model (and npm ' +
        'packages or node builtins), never the explorers, adapters, reports or CLI that run them.',
      severity: 'error',
      from: { path: '^properties/' },
      to: {
        pathNot: '^(model|properties)/',
        dependencyTypesNot: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'core'],
      },
    },
    {
      name: 'engines-know-only-the-contract',
      comment:
        'src/engines/ explores any model through the Model contract (src/engines/contract.ts); worker ' +
        'threads build the model from factory data. An engine that imports a concrete model, its ' +
        'properties, the adapters, the pipelines, the config, the report or the CLI is no longer ' +
        'generic. Tests may drive an engine with a concrete model.',
      severity: 'error',
      from: { path: '^src/engines/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(model|properties|src/(adapters|cli|report|pipelines|config))/' },
    },
    {
      name: 'engines-reach-no-model',
      comment:
        'The same, through other modules: nothing an engine imports may bring in a concrete model, ' +
        'its properties or the tool around it (a helper that imports the trace schema, which imports ' +
        'model/, would). Models reach a worker thread only as factory data.',
      severity: 'error',
      from: { path: '^src/engines/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(model|properties|src/(adapters|cli|report|pipelines|config))/', reachable: true },
    },
    {
      name: 'no-cycles',
      comment:
        'Modules that import each other, directly or round a loop, cannot be understood, tested or ' +
        'loaded one at a time (and ES modules in a cycle may see each other half-initialised).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|reports)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
