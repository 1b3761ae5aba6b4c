// The explore and merge contract through the real binary: JSON fields, shards that merge into the
// unsharded counts, a SIGKILLed or SIGINTed run that resumes to the same counts, worker threads
// that change nothing, and bad input refused with exit 2.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli as run, scratch, start, untilExists } from './testing.ts';

const cli = (...args: string[]) => run(args);

function json(...args: string[]) {
  const ran = cli(...args, '--json');
  expect(ran.stderr).not.toContain('internal error');
  return { code: ran.code, result: JSON.parse(ran.stdout) };
}

const counts = (r: { states: number; edges: number; depth: number }) => [r.states, r.edges, r.depth];

describe('explore', () => {
  it('explore --json: a violation exits 1 with the contract fields and a trace file that replays', () => {
    const out = scratch();
    const { code, result } = json('explore', '--preset', 'acks1-leader-failover', '--out', out);
    expect(code).toBe(1);
    expect(result).toMatchObject({ verdict: 'violated', violation: { property: 'no-loss' } });
    for (const field of ['states', 'edges', 'depth', 'seconds', 'statesPerSecond', 'collisionProbability']) {
      expect(typeof result[field]).toBe('number');
    }
    expect(result.counterexample.length).toBe(result.depth);
    const replay = cli('replay', result.counterexample.traceFile);
    expect(replay.code).toBe(1);
    expect(replay.stdout).toContain('no-loss');
  });

  it('canonical-replication --properties none counts the whole graph as SPIN and Rumur do', () => {
    const { code, result } = json(
      'explore',
      '--preset',
      'canonical-replication',
      '--set',
      'acks=1',
      '--records',
      '3',
      '--properties',
      'none',
      '--out',
      scratch(),
    );
    expect(code).toBe(0);
    expect([result.verdict, ...counts(result)]).toEqual(['passed', 8694, 17612, 19]);
  });

  it("a canonical-replication counterexample is the anchors' shortest one, in a trace file that replays", () => {
    const out = scratch();
    const flags = [
      '--preset',
      'canonical-replication',
      '--set',
      'acks=all',
      '--set',
      'enable.idempotence=false',
    ];
    const { code, result } = json('explore', ...flags, '--records', '3', '--out', out);
    expect(code).toBe(1);
    expect(result.counterexample.steps.map((s: { request: string }) => s.request)).toEqual([
      'send',
      'fetch(b1)',
      'crash_leader_elect(b1)',
      'send',
    ]);
    const replay = cli('replay', result.counterexample.traceFile, '--json');
    expect([replay.code, JSON.parse(replay.stdout).outcome]).toEqual([1, 'reproduced']);
    const edited = join(out, 'edited.json');
    const trace = JSON.parse(readFileSync(result.counterexample.traceFile, 'utf8'));
    writeFileSync(edited, JSON.stringify({ ...trace, actions: ['send', 'teleport'] }));
    const bad = cli('replay', edited);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('actions.1');
  });

  it('pins the distinct states of two tiny Kafka configurations', () => {
    // One broker, one record: the idempotent producer's InitProducerId, send, produce, answer.
    const tiny = [
      '--brokers',
      '1',
      '--records',
      '1',
      '--set',
      'replication.factor=1',
      '--set',
      'min.insync.replicas=1',
      '--properties',
      'none',
      '--out',
      scratch(),
    ];
    const none = 'crash=0,power-loss=0,network=0,delivery-timeout=0,isr=0,producer-restart=0';
    expect(counts(json('explore', ...tiny, '--faults', none).result)).toEqual([7, 7, 5]);
    expect(
      counts(json('explore', ...tiny, '--faults', none.replace('network=0', 'network=1')).result),
    ).toEqual([20, 26, 7]);
  });

  it('shards 1/2 and 2/2 merged give the verdict and counts of one unsharded run', () => {
    for (const scenario of [
      ['--preset', 'durable', '--depth', '7'],
      ['--preset', 'canonical-replication', '--set', 'acks=1', '--records', '4', '--properties', 'none'],
    ]) {
      const out = scratch();
      const whole = json('explore', ...scenario, '--out', out).result;
      json('explore', ...scenario, '--shard', '1/2', '--out', out);
      json('explore', ...scenario, '--shard', '2/2', '--out', out);
      const files = readdirSync(out)
        .filter((f) => /shard\dof2\.explore\.json$/.test(f))
        .map((f) => join(out, f));
      expect(files).toHaveLength(2);
      const merged = json('merge', ...files).result;
      expect([merged.verdict, ...counts(merged)]).toEqual([whole.verdict, ...counts(whole)]);
    }
  });

  it('worker threads explore, count and report exactly what one thread does', () => {
    for (const scenario of [
      ['--preset', 'acksall-retry-duplicates'],
      ['--preset', 'canonical-replication', '--set', 'acks=all', '--records', '5'],
    ]) {
      const one = json('explore', ...scenario, '--out', scratch()).result;
      const two = json('explore', ...scenario, '--workers', '2', '--out', scratch()).result;
      expect([two.verdict, ...counts(two), two.counterexample?.path]).toEqual([
        one.verdict,
        ...counts(one),
        one.counterexample?.path,
      ]);
    }
  });

  it('--symmetry (interchangeable producers) finds the same violation, as short, in fewer states', () => {
    for (const scenario of [
      ['--preset', 'acks1-leader-failover', '--producers', '2'],
      ['--preset', 'acksall-retry-duplicates', '--producers', '2', '--records', '2'],
    ]) {
      const plain = json('explore', ...scenario, '--out', scratch()).result;
      const reduced = json('explore', ...scenario, '--symmetry', '--out', scratch()).result;
      expect(reduced.verdict).toBe('violated');
      expect([reduced.violation.property, reduced.counterexample.length]).toEqual([
        plain.violation.property,
        plain.counterexample.length,
      ]);
      expect(reduced.states).toBeLessThan(plain.states);
      expect(cli('replay', reduced.counterexample.traceFile).code).toBe(1);
    }
  });

  it('--reduction sleep-sets finds the same shortest counterexample taking fewer steps, and it replays', () => {
    const scenario = ['--preset', 'acks1-leader-failover'];
    const plain = json('explore', ...scenario, '--out', scratch()).result;
    const reduced = json('explore', ...scenario, '--reduction', 'sleep-sets', '--out', scratch()).result;
    expect(reduced).toMatchObject({ verdict: 'violated', reduction: 'sleep-sets' });
    expect([reduced.violation.property, reduced.counterexample.length]).toEqual([
      plain.violation.property,
      plain.counterexample.length,
    ]);
    expect(reduced.slept).toBeGreaterThan(0);
    expect(cli('replay', reduced.counterexample.traceFile).code).toBe(1);
  });

  it('--reduction refuses a name it does not know, and what sleep sets do not go with yet, with exit 2', () => {
    const unknown = cli('explore', '--preset', 'durable', '--reduction', 'por', '--out', scratch());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--reduction takes none or sleep-sets; got "por"');
    for (const flags of [
      ['--workers', '2'],
      ['--shard', '1/2'],
      ['--symmetry'],
      ['--checkpoint', join(scratch(), 'c')],
    ]) {
      const ran = cli(
        'explore',
        '--preset',
        'durable',
        '--depth',
        '3',
        '--reduction',
        'sleep-sets',
        ...flags,
        '--out',
        scratch(),
      );
      expect(ran.code).toBe(2);
      expect(ran.stderr).toContain('--reduction sleep-sets runs on one thread and does not go with');
      expect(ran.stderr).not.toContain('    at ');
    }
    const canonical = cli(
      'explore',
      '--preset',
      'canonical-replication',
      '--reduction',
      'sleep-sets',
      '--out',
      scratch(),
    );
    expect(canonical.code).toBe(2);
    expect(canonical.stderr).toContain('needs footprints, which the canonical model does not declare');
  });

  /** The canonical model at N records, counting its graph, checkpointing every second. */
  function interruptible(records: string) {
    const out = scratch();
    const checkpoint = join(out, 'run.checkpoint');
    const scenario = ['--preset', 'canonical-replication', '--set', 'acks=1', '--records', records];
    const flags = [...scenario, '--properties', 'none', '--out', out];
    const started = start([
      'explore',
      ...flags,
      '--checkpoint',
      checkpoint,
      '--checkpoint-every',
      '1',
      '--json',
    ]);
    // The first checkpoint, a second in, shows the search is under way.
    return { ...started, checkpoint, flags, underway: untilExists(checkpoint) };
  }

  it('a run killed with SIGKILL resumes from its checkpoint to the counts of an uninterrupted run', async () => {
    const run = interruptible('12');
    await run.underway;
    run.child.kill('SIGKILL');
    expect((await run.ended).code).toBe('SIGKILL');
    const resumed = json('explore', ...run.flags, '--resume', run.checkpoint).result;
    expect([resumed.verdict, ...counts(resumed)]).toEqual(['passed', 2280333, 4825586, 55]);
  });

  it('SIGINT stops cleanly: exit 130, a bounded partial result, and a checkpoint that resumes to the full counts', async () => {
    const run = interruptible('12');
    await run.underway;
    run.child.kill('SIGINT');
    const { code, stdout } = await run.ended;
    expect(code).toBe(130);
    const partial = JSON.parse(stdout);
    expect([partial.verdict, partial.bound]).toEqual(['bounded', 'interrupted']);
    expect(partial.states).toBeLessThan(2280333);
    const resumed = json('explore', ...run.flags, '--resume', run.checkpoint).result;
    expect([resumed.verdict, ...counts(resumed)]).toEqual(['passed', 2280333, 4825586, 55]);
    const other = cli(
      'explore',
      ...run.flags.map((a) => (a === '12' ? '11' : a)),
      '--resume',
      run.checkpoint,
    );
    expect([other.code, other.stderr.includes('holds a different search')]).toEqual([2, true]);
  });

  it('bad input exits 2 with a message naming what is wrong and nothing written', () => {
    const out = scratch();
    const cases: [string[], string][] = [
      [['explore', '--depth', 'x'], '--depth must be a whole number'],
      [['explore', '--shard', '3/2'], '--shard must be k/n'],
      [['explore', '--properties', 'no-loss,bogus'], '--properties takes none or'],
      [['explore', '--workers', '0'], '--workers must be a whole number'],
      [['explore', '--resume', join(out, 'missing')], 'cannot read checkpoint'],
      [['merge', join(out, 'missing.json')], 'cannot read'],
    ];
    for (const [args, message] of cases) {
      const run = cli(...args, ...(args[0] === 'explore' ? ['--out', out] : []));
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    const notCheckpoint = join(out, 'not.checkpoint');
    writeFileSync(notCheckpoint, 'hello');
    const bad = cli('explore', '--resume', notCheckpoint, '--out', out);
    expect([bad.code, bad.stderr.includes('not.checkpoint is refused: it has no checksum trailer')]).toEqual([
      2,
      true,
    ]);
    expect(readdirSync(out)).toEqual(['not.checkpoint']);
  });
});
