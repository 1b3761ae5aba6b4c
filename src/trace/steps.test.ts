// Every registered protocol step has a trace schema and a narration: random walks through the
// model reach every step, and each one must parse as a trace action and tell itself in words.
import { describe, expect, it } from 'vitest';
import {
  type Action,
  allSteps,
  defaultConfig,
  enabled,
  initialState,
  type ModelConfig,
  type State,
  step,
} from '../../model/index.ts';
import { narrate } from '../report/narrate.ts';
import { stepSchema } from './schema.ts';

const faults = {
  crash: 2,
  powerLoss: 1,
  network: 3,
  deliveryTimeout: 2,
  isr: 2,
  producerRestart: 1,
  abort: 1,
  producerStall: 1,
  coordinatorMove: 1,
  consumerCrash: 0,
  consumerPause: 0,
  rebalance: 0,
  groupCoordinatorMove: 0,
};
const base: ModelConfig = {
  ...defaultConfig,
  producers: 2,
  partitions: 2,
  records: 4,
  faults,
  onFailure: 'resend',
};
const configs: readonly ModelConfig[] = [
  base,
  {
    ...base,
    variants: { ...base.variants, truncation: 'high-watermark' },
    uncleanLeaderElectionEnable: true,
  },
  { ...base, acks: '1', enableIdempotence: false },
  // Transactional producers reach the transaction steps: the client's, the coordinator's, the reader's.
  { ...base, transactionalId: 'tx', isolationLevel: 'read_committed' },
  {
    ...base,
    transactionalId: 'tx',
    records: 3,
    variants: { ...base.variants, transactionVersion: '2', lso: 'inclusive', abortInFlight: 'overtake' },
  },
  // A consumer group reaches the group's steps: membership, commits, the application's loop, its faults.
  ...(['auto', 'after', 'before'] as const).map(
    (commit): ModelConfig => ({
      ...base,
      brokers: 2,
      replicationFactor: 1,
      records: 3,
      faults: {
        ...faults,
        crash: 0,
        network: 0,
        consumerCrash: 1,
        consumerPause: 1,
        rebalance: 1,
        groupCoordinatorMove: 1,
      },
      pipeline: {
        consumers: 2,
        commit,
        sink: 'external-store',
        assignor: commit === 'after' ? 'cooperative-sticky' : 'range',
        staticMembership: false,
        autoOffsetReset: 'earliest',
        maxPollRecords: 1,
        inputPartitions: 2,
        workloadProducers: 2,
        sendOffsets: 'group-metadata',
      },
    }),
  ),
  // An exactly-once application reaches the transactional offset steps: AddOffsetsToTxn, TxnOffsetCommit, the group's marker.
  {
    ...base,
    brokers: 1,
    replicationFactor: 1,
    minInsyncReplicas: 1,
    producers: 3,
    records: 2,
    transactionalId: 'app',
    isolationLevel: 'read_committed',
    faults: {
      ...faults,
      crash: 0,
      powerLoss: 0,
      network: 1,
      consumerCrash: 1,
      consumerPause: 1,
      rebalance: 1,
    },
    pipeline: {
      consumers: 2,
      commit: 'transactional',
      sink: 'topic',
      assignor: 'range',
      staticMembership: false,
      autoOffsetReset: 'earliest',
      maxPollRecords: 1,
      inputPartitions: 1,
      workloadProducers: 1,
      sendOffsets: 'group-metadata',
    },
  },
];

/** One (before, action, after) per step type that seeded random walks reach. */
function samples(): Map<string, { config: ModelConfig; before: State; action: Action; after: State }> {
  const seen = new Map<string, { config: ModelConfig; before: State; action: Action; after: State }>();
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (const config of configs) {
    for (let walk = 0; walk < 300; walk++) {
      let state = initialState(config);
      for (let i = 0; i < 60; i++) {
        const actions = enabled(config, state);
        if (actions.length === 0) break;
        const action = actions[next(actions.length)]!;
        const after = step(config, state, action);
        if (!seen.has(action.type)) seen.set(action.type, { config, before: state, action, after });
        state = after;
      }
    }
  }
  return seen;
}

describe('every registered step has a schema and a narration', () => {
  const seen = samples();
  it('steps: random walks reach every registered step', () => {
    expect(allSteps.map((m) => m.type).filter((t) => !seen.has(t))).toEqual([]);
  });
  for (const module of allSteps) {
    it(`steps: ${module.type} parses with its trace schema and tells itself`, () => {
      const sample = seen.get(module.type);
      expect(sample).toBeDefined();
      const { config, before, action, after } = sample!;
      expect(stepSchema(module).parse(action)).toEqual(action);
      const told = narrate(config, before, action, after);
      expect(told.actor).toMatch(/\S/);
      expect(told.message).toMatch(/\S/);
      expect(told.message).not.toMatch(/undefined|NaN/);
    });
  }
});
