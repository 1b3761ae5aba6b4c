/** The action types a configuration has (action.ts): what the CLI, the trace schema and swarm testing list. */
import { describe, expect, it } from 'vitest';
import { actionTypesFor, faultTypesFor } from './action.ts';
import { configWith, noFaults } from './testing.ts';

/** One broker, one partition, one idempotent producer, no transactional.id. */
const tiny = configWith({ brokers: 1, partitions: 1, replicationFactor: 1, faults: noFaults });

describe('action types', () => {
  it('actionTypesFor: the steps with a candidate in the configuration, in registry order; no transaction or group step without them', () => {
    // Expected: the twenty step types of a producer writing a replicated topic, no more.
    expect(actionTypesFor(tiny)).toEqual([
      'Send',
      'InitProducerId',
      'SendProduce',
      'HandleProduce',
      'HandleProduceResponse',
      'BumpProducerEpoch',
      'Fetch',
      'OffsetsForLeaderEpoch',
      'TruncateToHighWatermark',
      'ElectLeader',
      'RestartBroker',
      'RestartProducer',
      'CrashBroker',
      'ShrinkIsr',
      'LoseRequest',
      'LoseResponse',
      'ResetConnection',
      'RequestTimeout',
      'ExpireBatch',
      'CrashProducer',
    ]);
  });

  it('faultTypesFor: of those, the steps that inject a fault, whatever their budget', () => {
    // Expected: the eight fault types of the configuration, with a zero budget for each.
    expect(faultTypesFor(tiny)).toEqual([
      'CrashBroker',
      'ShrinkIsr',
      'LoseRequest',
      'LoseResponse',
      'ResetConnection',
      'RequestTimeout',
      'ExpireBatch',
      'CrashProducer',
    ]);
    // A transactional.id adds the transaction's faults.
    expect(faultTypesFor(configWith({ ...tiny, transactionalId: 'tx' })).slice(8)).toEqual([
      'AbortTransaction',
      'StallProducer',
      'MoveTransactionCoordinator',
    ]);
  });
});
