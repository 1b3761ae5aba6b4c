// A module hook for the mutation runner's process (runner.ts registers it): the oracle's test files
// import 'vitest', and get oracle.ts, which collects their tests for the runner to run in-process.
const oracle = new URL('./oracle.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  // The rest of the chain (tsx's hooks) resolves oracle.ts, so that it loads as TypeScript.
  return next(specifier === 'vitest' ? oracle : specifier, context);
}
