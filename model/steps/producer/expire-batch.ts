/**
 * delivery.timeout.ms passes for the oldest unfinished batch of a partition, in the accumulator
 * or in flight (the request stays in flight; its late answer is ignored). The application's
 * callback gets a TimeoutException. A batch that was already retried may or may not be in the
 * log, so the partition's sequence becomes unresolved. Once faults stop, it still fires late on
 * work that goes round in circles.
 */
import { updateAt } from '../../immutable.ts';
import { producerAt, withProducer, withProducerPartition } from '../../producer/bookkeeping.ts';
import { failToApplication, lastSequenceOf, resolveSequences } from '../../producer/outcome.ts';
import type { InFlightBatch, ProducerBatch, State } from '../../state.ts';
import { perProducerPartition, type StepModule } from '../step.ts';

export interface ExpireBatchAction {
  readonly type: 'ExpireBatch';
  readonly producer: number;
  readonly partition: number;
}

/** The oldest batch of a partition the producer has not finished with, wherever it is. */
function oldestIncomplete(
  state: State,
  action: ExpireBatchAction,
): { readonly batch: ProducerBatch; readonly broker: number | null } | null {
  const client = producerAt(state, action.producer);
  let oldest: { batch: ProducerBatch; broker: number | null } | null = null;
  const consider = (batch: ProducerBatch, broker: number | null): void => {
    if (oldest === null || batch.records[0]!.send < oldest.batch.records[0]!.send) oldest = { batch, broker };
  };
  client.inFlight.forEach((row, broker) => {
    for (const f of row) if (!f.expired && f.batch.partition === action.partition) consider(f.batch, broker);
  });
  for (const batch of client.partitions[action.partition]!.accumulator) consider(batch, null);
  return oldest;
}

export const expireBatch: StepModule<ExpireBatchAction> = {
  type: 'ExpireBatch',
  actor: 'producer',
  fields: { producer: 'producer', partition: 'partition' },
  footprint: {
    reads: ['producers[producer].status'],
    writes: [
      'faultsUsed.deliveryTimeout',
      'producers[producer].inFlight',
      'producers[producer].partitions',
      'sends[producer]',
    ],
  },
  fault: { budget: () => 'deliveryTimeout', heal: (_config, _state, _action, late) => late },
  candidates: (config) =>
    perProducerPartition(config, (producer, partition) => ({ type: 'ExpireBatch', producer, partition })),
  guard: (_config, state, action) =>
    producerAt(state, action.producer).status === 'running' && oldestIncomplete(state, action) !== null,
  effect(config, state, action) {
    const { batch, broker } = oldestIncomplete(state, action)!;
    const client = producerAt(state, action.producer);
    let updated =
      broker === null
        ? withProducerPartition(client, action.partition, (pp) => ({
            ...pp,
            accumulator: pp.accumulator.filter((b) => b !== batch),
          }))
        : {
            ...client,
            inFlight: updateAt(client.inFlight, broker, (row) =>
              row.map((f): InFlightBatch => (f.batch === batch ? { ...f, expired: true } : f)),
            ),
          };
    if (config.enableIdempotence && batch.inRetry) {
      updated = withProducerPartition(updated, action.partition, (pp) => ({
        ...pp,
        unresolvedSequence: Math.max(pp.unresolvedSequence, lastSequenceOf(batch) + 1),
      }));
    }
    return resolveSequences(
      failToApplication(
        config,
        withProducer(state, action.producer, updated),
        action.producer,
        batch,
        'TimeoutException',
      ),
      action.producer,
    );
  },
  tell: (_config, _before, a) => ({
    actor: `producer ${a.producer}`,
    message: `delivery.timeout.ms expires the oldest unfinished batch of partition ${a.partition}`,
  }),
};
