/**
 * The registry: every protocol step of the model, in the fixed order `enabled` lists them (then by
 * actor ids, as each step's candidates come). A slot names a protocol variant; the configured
 * variant's module fills it (variants.ts). Adding a step is one module and one line here.
 */
import type { ModelConfig } from '../config.ts';
import { truncationVariants } from '../variants.ts';
import { crashProducer } from './application/crash-producer.ts';
import { restartProducer } from './application/restart-producer.ts';
import { send } from './application/send.ts';
import { crashBroker } from './broker/crash-broker.ts';
import { fetch } from './broker/fetch.ts';
import { handleProduce } from './broker/handle-produce.ts';
import { restartBroker } from './broker/restart-broker.ts';
import { shrinkIsr } from './broker/shrink-isr.ts';
import { electLeader } from './controller/elect-leader.ts';
import { loseRequest } from './network/lose-request.ts';
import { loseResponse } from './network/lose-response.ts';
import { requestTimeout } from './network/request-timeout.ts';
import { resetConnection } from './network/reset-connection.ts';
import { bumpProducerEpoch } from './producer/bump-producer-epoch.ts';
import { expireBatch } from './producer/expire-batch.ts';
import { handleProduceResponse } from './producer/handle-produce-response.ts';
import { initProducerId } from './producer/init-producer-id.ts';
import { sendProduce } from './producer/send-produce.ts';
import type { StepModule } from './step.ts';

/** A place in the order that a protocol variant fills. */
interface Slot {
  readonly slot: 'truncation';
}

const order = [
  // The application and its producer client.
  send,
  initProducerId,
  sendProduce,
  // Brokers and the controller.
  handleProduce,
  handleProduceResponse,
  bumpProducerEpoch,
  fetch,
  { slot: 'truncation' } satisfies Slot,
  electLeader,
  restartBroker,
  restartProducer,
  // Faults, each bounded by the scenario's budget.
  crashBroker,
  shrinkIsr,
  loseRequest,
  loseResponse,
  resetConnection,
  requestTimeout,
  expireBatch,
  crashProducer,
] as const;

type Entry = (typeof order)[number];
type Fill = (typeof truncationVariants)[keyof typeof truncationVariants]['fills'];
type Module = Exclude<Entry, Slot> | Fill;

/** Every action of the model: the union of every step module's action, variants included. */
export type Action = Module extends infer M ? (M extends StepModule<infer A> ? A : never) : never;

/** Any step module, seen through the model's action union (the machine routes by `type`). */
export type AnyStep = StepModule<Action>;

function isSlot(entry: Entry): entry is Slot & Entry {
  return 'slot' in entry;
}

const asAny = (module: StepModule<never>): AnyStep => module as unknown as AnyStep;

/** Every step module, each variant once, in registry order: what schemas and stories cover. */
export const allSteps: readonly AnyStep[] = order.flatMap((entry) =>
  isSlot(entry)
    ? Object.values(truncationVariants).map((v) => asAny(v.fills as StepModule<never>))
    : [asAny(entry as StepModule<never>)],
);

/** The steps one configuration runs, in the order `enabled` lists them. */
export function stepsFor(config: ModelConfig): readonly AnyStep[] {
  return order.map((entry) =>
    isSlot(entry)
      ? asAny(truncationVariants[config.variants.truncation].fills as StepModule<never>)
      : asAny(entry as StepModule<never>),
  );
}
