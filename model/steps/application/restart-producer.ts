/**
 * The application starts a new producer instance (a new PID once InitProducerId answers) and goes
 * on with its workload. With the `resend` policy it first sends again every record it handed to
 * `send()` that was never acknowledged, which idempotence cannot recognise as a duplicate.
 */
import { isTransactionalProducer } from '../../config.ts';
import { replaceAt } from '../../immutable.ts';
import { appendToAccumulator, producerAt } from '../../producer/bookkeeping.ts';
import { freshProducer, type State } from '../../state.ts';
import { perWorkloadProducer, type StepModule } from '../step.ts';

export interface RestartProducerAction {
  readonly type: 'RestartProducer';
  readonly producer: number;
}

export const restartProducer: StepModule<RestartProducerAction> = {
  type: 'RestartProducer',
  actor: 'application',
  fields: { producer: 'producer' },
  footprint: {
    reads: [],
    writes: ['producers[producer]', 'sends[producer]'],
  },
  candidates: (config) => perWorkloadProducer(config, (producer) => ({ type: 'RestartProducer', producer })),
  guard: (_config, state, action) => producerAt(state, action.producer).status === 'crashed',
  effect(config, state, action) {
    const client = producerAt(state, action.producer);
    let next: State = {
      ...state,
      producers: replaceAt(
        state.producers,
        action.producer,
        freshProducer(config, client.nextRecord, action.producer),
      ),
    };
    // A transactional application resumes at a transaction boundary instead (transactions/client.ts).
    if (config.onFailure !== 'resend' || isTransactionalProducer(config, action.producer)) return next;
    const sends = state.sends[action.producer]!;
    const acknowledged = new Set(
      sends.filter((s) => s.outcome.status === 'acknowledged').map((s) => s.record),
    );
    const unacknowledged = [...new Set(sends.map((s) => s.record))].filter((r) => !acknowledged.has(r));
    for (const record of unacknowledged.sort((a, b) => a - b)) {
      next = appendToAccumulator(config, next, action.producer, record);
    }
    return next;
  },
  tell: (config, _before, a, after) => ({
    actor: `application ${a.producer}`,
    message: isTransactionalProducer(config, a.producer)
      ? `starts a new producer instance with the same transactional.id; it goes on at record ${after.producers[a.producer]!.nextRecord}`
      : `restarts with a new producer instance${config.onFailure === 'resend' ? ' and sends again every record it never saw acknowledged' : ''}`,
  }),
};
