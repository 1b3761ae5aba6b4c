/**
 * KIP-360: the idempotent producer bumps its own epoch (no InitProducerId) and renumbers the
 * batches it still tracks on the partitions with a real gap from sequence 0; a broker accepts a
 * new epoch only from sequence 0. Other partitions adopt the new epoch when next idle. The model
 * waits for the partition's requests to come back before bumping, where Kafka may bump with
 * requests still on the wire.
 */
import { isTransactionalProducer } from '../../config.ts';
import {
  networkInFlight,
  producerAt,
  trackedInFlight,
  withProducer,
  withProducerPartition,
} from '../../producer/bookkeeping.ts';
import type { ProducerBatch } from '../../state.ts';
import { perProducer, type StepModule } from '../step.ts';

export interface BumpProducerEpochAction {
  readonly type: 'BumpProducerEpoch';
  readonly producer: number;
}

export const bumpProducerEpoch: StepModule<BumpProducerEpochAction> = {
  type: 'BumpProducerEpoch',
  actor: 'producer',
  fields: { producer: 'producer' },
  footprint: {
    reads: ['producers[producer].inFlight', 'producers[producer].producerId', 'producers[producer].status'],
    writes: ['producers[producer].partitions', 'producers[producer].producerEpoch'],
  },
  candidates: (config) =>
    // A transactional producer bumps its epoch through its coordinator (InitProducerId) instead.
    config.enableIdempotence
      ? perProducer(config, (producer) => producer)
          .filter((producer) => !isTransactionalProducer(config, producer))
          .map((producer) => ({ type: 'BumpProducerEpoch', producer }))
      : [],
  guard(_config, state, action) {
    const client = producerAt(state, action.producer);
    if (client.status !== 'running' || client.producerId === null) return false;
    const flagged = client.partitions.flatMap((pp, partition) => (pp.rewriteSequences ? [partition] : []));
    return (
      flagged.length > 0 && flagged.every((partition) => networkInFlight(client, partition).length === 0)
    );
  },
  effect(_config, state, action) {
    const client = producerAt(state, action.producer);
    const producerEpoch = client.producerEpoch + 1;
    let bumped = { ...client, producerEpoch };
    client.partitions.forEach((pp, partition) => {
      if (!pp.rewriteSequences) return;
      const tracked = new Set(trackedInFlight(client, partition));
      let sequence = 0;
      const accumulator = pp.accumulator.map((b) => {
        if (!tracked.has(b)) return b;
        const rewritten: ProducerBatch = { ...b, producerEpoch, baseSequence: sequence, sequenceReset: true };
        sequence += b.records.length;
        return rewritten;
      });
      bumped = withProducerPartition(bumped, partition, () => ({
        ...pp,
        accumulator,
        nextSequence: sequence,
        lastAckedSequence: -1,
        sequenceEpoch: producerEpoch,
        unresolvedSequence: -1,
        rewriteSequences: false,
      }));
    });
    return withProducer(state, action.producer, bumped);
  },
  tell: (_config, _before, a, after) => ({
    actor: `producer ${a.producer}`,
    message: `bumps its epoch to ${after.producers[a.producer]!.producerEpoch} and renumbers its unfinished batches from sequence 0 (KIP-360)`,
  }),
};
