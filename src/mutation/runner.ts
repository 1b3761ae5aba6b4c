/**
 * A Stryker test runner that runs the mutation oracle's test files in its own process (npm run
 * mutation; stryker.config.mjs names it `in-process`). Stryker's vitest runner starts a fresh
 * vitest worker for every mutant and loads the model into it again: about 0.7 s a mutant before
 * any test ran, most of a mutation run. Here the instrumented model loads once per process, and a
 * mutant costs what its covering tests cost.
 *
 * A mutant must not meet what another one left behind. The model keeps no state between calls, but
 * it remembers values per configuration object (model/per-config.ts), and the test files keep their
 * configurations between runs: the runner calls the function `forget` names before each mutant's
 * run and, in the dry run, before each test, so that every test that needs such a value computes
 * it, under the mutant, and the coverage shows it. The test files load once per process with no
 * mutant active, as vitest's runner loads them before activating one. A mutant can still change in
 * place an object a test file keeps (a fixture state): a test that kills a mutant runs again without
 * it, and if it fails still, the files load afresh and the mutant runs again.
 */

import { readdirSync } from 'node:fs';
import { register } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { INSTRUMENTER_CONSTANTS, type StrykerOptions } from '@stryker-mutator/api/core';
import type { Logger } from '@stryker-mutator/api/logging';
import { commonTokens, declareClassPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import {
  type DryRunOptions,
  type DryRunResult,
  DryRunStatus,
  determineHitLimitReached,
  type MutantRunOptions,
  type MutantRunResult,
  type TestResult,
  type TestRunner,
  TestStatus,
  toMutantRunResult,
} from '@stryker-mutator/api/test-runner';
import { type Collected, collect } from './collect.ts';

/** The runner's part of stryker.config.mjs: which test files make the oracle. */
export interface InProcessOptions {
  /** Folders whose *.test.ts files are the oracle. */
  readonly roots: readonly string[];
  /** Further test files, outside those folders. */
  readonly files: readonly string[];
  /** Test files under the roots left out. */
  readonly exclude: readonly string[];
  /** Modules loaded once before any test file (global settings, such as fast-check's). */
  readonly setup: readonly string[];
  /** `module:export`: the function that forgets what the code under test remembers between calls. */
  readonly forget: string;
}

/** What the instrumented code shares with its runner (Stryker's instrumenter writes and reads it). */
interface Namespace {
  activeMutant?: string | undefined;
  currentTestId?: string | undefined;
  mutantCoverage?: { static: Record<string, number>; perTest: Record<string, Record<string, number>> };
  hitCount?: number | undefined;
  hitLimit?: number | undefined;
}

/** A mutant's run: its tests' results, and a timeout if it reached its hit limit. */
interface Outcome {
  readonly tests: TestResult[];
  readonly timeout: ReturnType<typeof determineHitLimitReached>;
}

/** How a run goes: the dry run (every test, timed, covered one by one) or a mutant's, to its first failure or through all tests. */
type RunMode = 'dry-run' | 'mutant' | 'mutant, all tests';

/** A test ready to run: its id (file#name), file and body. */
interface Loaded extends Collected {
  readonly id: string;
  readonly file: string;
}

export class InProcessRunner implements TestRunner {
  static readonly inject = tokens(commonTokens.options, commonTokens.logger);
  private readonly oracle: InProcessOptions;
  private readonly ns: Namespace;
  /** The oracle's tests, loaded on this process's first run with no mutant active. */
  private tests: Loaded[] | undefined;
  /** Loads of the test files into new module instances (a static mutant's, or after a changed fixture). */
  private freshLoads = 0;
  private forget: () => void = () => {};
  /** The dry run's time per test, to run the quickest first. */
  private readonly spent = new Map<string, number>();
  /** The test that killed the last mutant: the next mutant sits beside it and likely dies by it too. */
  private lastKiller: string | undefined;

  constructor(
    options: StrykerOptions,
    private readonly log: Logger,
  ) {
    this.oracle = (options as StrykerOptions & { inProcess: InProcessOptions }).inProcess;
    const global = globalThis as unknown as Record<string, Namespace | undefined>;
    global[INSTRUMENTER_CONSTANTS.NAMESPACE] ??= {};
    this.ns = global[INSTRUMENTER_CONSTANTS.NAMESPACE]!;
  }

  capabilities() {
    // Stryker asks for a reload before a mutant whose code also runs while test files load, in case
    // an earlier static mutant was loaded with them. The test files load here with no mutant active
    // (a static mutant gets files of its own, loaded afresh), so a reload is a call to `forget`.
    return { reloadEnvironment: true };
  }

  async init(): Promise<void> {
    register(new URL('./resolve-vitest.mjs', import.meta.url));
    for (const module of this.oracle.setup) await import(pathToFileURL(join(process.cwd(), module)).href);
    const [module, name] = this.oracle.forget.split(':');
    const forget = (await import(pathToFileURL(join(process.cwd(), module!)).href))[name!];
    if (typeof forget !== 'function')
      throw new Error(`inProcess.forget: ${this.oracle.forget} is not a function`);
    this.forget = forget;
  }

  async dryRun(options: DryRunOptions): Promise<DryRunResult> {
    this.ns.activeMutant = undefined;
    // Each instrumented module keeps the coverage object it first met: modules loaded in init (the
    // forget module) recorded theirs in the one they created, so that one stays.
    this.ns.mutantCoverage ??= { static: {}, perTest: {} };
    const results = await this.run(await this.load(), 'dry-run');
    if (options.coverageAnalysis === 'off') return { status: DryRunStatus.Complete, tests: results };
    return { status: DryRunStatus.Complete, tests: results, mutantCoverage: this.ns.mutantCoverage };
  }

  async mutantRun(options: MutantRunOptions): Promise<MutantRunResult> {
    try {
      const first = await this.runMutant(options);
      const killer = first.tests.find((r) => r.status === TestStatus.Failed);
      if (first.timeout !== undefined || killer === undefined) return this.resultOf(first, options);
      // A mutant may have changed, in place, an object a test file keeps between tests (a fixture
      // state); the next mutants would then fail that test without cause. So a test that killed a
      // mutant runs again without it: if it fails still, the test files load afresh, and the
      // mutant runs again against them.
      if (await this.passesUnmutated(killer.id)) return this.resultOf(first, options);
      this.log.info(
        `${killer.id} fails without a mutant after mutant ${options.activeMutant.id}: the test files load afresh`,
      );
      this.tests = await this.collectFrom(`?load=${++this.freshLoads}`);
      return this.resultOf(await this.runMutant(options), options);
    } catch (error) {
      // A static mutant that breaks the loading of a test file.
      return toMutantRunResult({ status: DryRunStatus.Error, errorMessage: String(error) });
    }
  }

  /** The mutant's covering tests with the mutant active, and whether it reached its hit limit. */
  private async runMutant(options: MutantRunOptions): Promise<Outcome> {
    const wanted = options.testFilter === undefined ? undefined : new Set(options.testFilter);
    const active = options.activeMutant.id;
    try {
      const loaded =
        options.mutantActivation === 'static' ? await this.loadStatic(active) : await this.load();
      const tests = loaded
        .filter((t) => wanted === undefined || wanted.has(t.id))
        .sort((a, b) => this.rank(a) - this.rank(b));
      this.forget();
      this.ns.hitCount = 0;
      this.ns.hitLimit = options.hitLimit;
      this.ns.activeMutant = active;
      const results = await this.run(tests, options.disableBail ? 'mutant, all tests' : 'mutant');
      const killer = results.find((r) => r.status === TestStatus.Failed);
      if (killer !== undefined) this.lastKiller = killer.id;
      return { tests: results, timeout: determineHitLimitReached(this.ns.hitCount, this.ns.hitLimit) };
    } finally {
      this.ns.activeMutant = undefined;
      this.ns.hitCount = undefined;
      this.ns.hitLimit = undefined;
    }
  }

  /** Whether the test passes with no mutant active, in the test files as they are now. */
  private async passesUnmutated(id: string): Promise<boolean> {
    const test = (await this.load()).find((t) => t.id === id);
    if (test === undefined) return true;
    this.forget();
    const [result] = await this.run([test], 'mutant');
    return result?.status === TestStatus.Success;
  }

  private resultOf(outcome: Outcome, options: MutantRunOptions): MutantRunResult {
    return toMutantRunResult(
      outcome.timeout ?? { status: DryRunStatus.Complete, tests: outcome.tests },
      options.disableBail,
    );
  }

  /** The last killer first, then the quickest. */
  private rank(test: Loaded): number {
    return test.id === this.lastKiller ? -1 : (this.spent.get(test.id) ?? 0);
  }

  /** The oracle's test files, relative to the sandbox, in a fixed order. */
  private testFiles(): string[] {
    const found = this.oracle.roots.flatMap((root) =>
      readdirSync(root, { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.test.ts'))
        .map((name) => relative(process.cwd(), join(root, name))),
    );
    const excluded = new Set(this.oracle.exclude);
    return [...found.filter((f) => !excluded.has(f)), ...this.oracle.files].sort();
  }

  /** The oracle's tests, its files loaded on the first call with no test current (module-level code is static). */
  private async load(): Promise<Loaded[]> {
    this.tests ??= await this.collectFrom('');
    return this.tests;
  }

  /** The test files loaded afresh with a static mutant active: its code runs as they load. */
  private async loadStatic(mutant: string): Promise<Loaded[]> {
    this.forget();
    this.ns.activeMutant = mutant;
    return this.collectFrom(`?load=${++this.freshLoads}`);
  }

  private async collectFrom(query: string): Promise<Loaded[]> {
    const tests: Loaded[] = [];
    for (const file of this.testFiles()) {
      const url = `${pathToFileURL(join(process.cwd(), file)).href}${query}`;
      for (const t of await collect(() => import(url))) tests.push({ ...t, id: `${file}#${t.name}`, file });
    }
    return tests;
  }

  /**
   * The tests in order. In the dry run every test runs, timed, with the caches emptied and its own
   * coverage scope; for a mutant the first failure ends the run, unless Stryker asks for all tests.
   */
  private async run(tests: readonly Loaded[], mode: RunMode): Promise<TestResult[]> {
    const dry = mode === 'dry-run';
    const results: TestResult[] = [];
    for (const test of tests) {
      if (dry) this.forget();
      this.ns.currentTestId = dry ? test.id : undefined;
      const start = performance.now();
      let failure: string | undefined;
      try {
        await test.body();
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
      const timeSpentMs = Math.round(performance.now() - start);
      this.ns.currentTestId = undefined;
      if (dry) this.spent.set(test.id, timeSpentMs);
      const base = { id: test.id, name: test.name, fileName: test.file, timeSpentMs };
      if (failure === undefined) results.push({ ...base, status: TestStatus.Success });
      else {
        results.push({ ...base, status: TestStatus.Failed, failureMessage: failure });
        if (mode === 'mutant') break;
      }
    }
    return results;
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, 'in-process', InProcessRunner)];

/** The runner's options, as Stryker validates them (stryker.config.mjs: `inProcess`). */
export const strykerValidationSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    inProcess: {
      type: 'object',
      properties: {
        roots: { type: 'array', items: { type: 'string' } },
        files: { type: 'array', items: { type: 'string' } },
        exclude: { type: 'array', items: { type: 'string' } },
        setup: { type: 'array', items: { type: 'string' } },
        forget: { type: 'string', pattern: '^[^:]+:[A-Za-z_$][\\w$]*$' },
      },
      required: ['roots', 'files', 'exclude', 'setup', 'forget'],
      additionalProperties: false,
    },
  },
};
