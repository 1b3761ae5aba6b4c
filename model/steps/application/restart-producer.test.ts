// The application restarts after its producer process crashed: a new producer instance, which with
// onFailure=resend sends again every record it never saw acknowledged.
import { describe, expect, it } from 'vitest';
import type { Action } from '../../action.ts';
import type { FailurePolicy, ModelConfig } from '../../config.ts';
import { configWith, noFaults, runActions } from '../../testing.ts';
import { type RestartProducerAction, restartProducer } from './restart-producer.ts';

function plainConfig(onFailure: FailurePolicy): ModelConfig {
  return configWith({
    brokers: 1,
    replicationFactor: 1,
    records: 2,
    onFailure,
    faults: { ...noFaults, producerRestart: 1 },
  });
}
const p0 = { producer: 0 } as const;
const restart: RestartProducerAction = { type: 'RestartProducer', ...p0 };
/** Records 0 and 1 are sent, neither acknowledged, then the producer process crashes. */
const crashAfterTwoSends: Action[] = [
  { type: 'InitProducerId', ...p0 },
  { type: 'Send', ...p0 },
  { type: 'Send', ...p0 },
  { type: 'CrashProducer', ...p0 },
];

function restartAndTell(config: ModelConfig) {
  const crashed = runActions(config, crashAfterTwoSends);
  const after = runActions(config, [restart], crashed);
  return { after, message: restartProducer.tell(config, crashed, restart, after).message };
}

describe('RestartProducer', () => {
  it('an application that gives up on failed records restarts with a new producer instance and sends nothing again (onFailure=give-up)', () => {
    // Expected: the new producer's accumulator is empty, it goes on at record 2; the story says it just restarts.
    const { after, message } = restartAndTell(plainConfig('give-up'));
    expect(after.producers[0]!.status).toBe('running');
    expect(after.producers[0]!.nextRecord).toBe(2);
    expect(after.producers[0]!.partitions[0]!.accumulator).toEqual([]);
    expect(message).toBe('restarts with a new producer instance');
  });

  it('an application resending on failure sends again, in order, every record it never saw acknowledged (onFailure=resend)', () => {
    // Expected: records 0 and 1 are in the new producer's accumulator again; the story says it sends them again.
    const { after, message } = restartAndTell(plainConfig('resend'));
    const resent = after.producers[0]!.partitions[0]!.accumulator.flatMap((b) => b.records);
    expect(resent.map((r) => r.send)).toEqual([2, 3]);
    expect(after.sends[0]!.map((s) => s.record)).toEqual([0, 1, 0, 1]);
    expect(message).toBe(
      'restarts with a new producer instance and sends again every record it never saw acknowledged',
    );
  });
});
