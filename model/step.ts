/**
 * The transition function: it only routes an action to the component that owns it. `step` is
 * pure and defined for every action `enabled` lists in the state.
 */
import { match } from 'ts-pattern';
import type { Action } from './action.ts';
import { crashBroker, restartBroker } from './broker.ts';
import type { ModelConfig } from './config.ts';
import { electLeader } from './controller.ts';
import { loseRequest, loseResponse, requestTimeout, resetConnection } from './network.ts';
import { handleProduce } from './produce.ts';
import { crashProducer, restartProducer, send } from './producer/application.ts';
import { bumpProducerEpoch, expireBatch, handleProduceResponse, initProducerId } from './producer/client.ts';
import { sendProduce } from './producer/drain.ts';
import { fetch, shrinkIsr } from './replication.ts';
import type { State } from './state.ts';
import { truncateToHighWatermark } from './truncation/high-watermark.ts';
import { offsetsForLeaderEpoch } from './truncation/leader-epoch.ts';

export function step(config: ModelConfig, state: State, action: Action): State {
  return match(action)
    .with({ type: 'Send' }, (a) => send(config, state, a))
    .with({ type: 'InitProducerId' }, (a) => initProducerId(state, a))
    .with({ type: 'SendProduce' }, (a) => sendProduce(config, state, a))
    .with({ type: 'HandleProduce' }, (a) => handleProduce(config, state, a))
    .with({ type: 'HandleProduceResponse' }, (a) => handleProduceResponse(config, state, a))
    .with({ type: 'BumpProducerEpoch' }, (a) => bumpProducerEpoch(state, a))
    .with({ type: 'Fetch' }, (a) => fetch(config, state, a))
    .with({ type: 'OffsetsForLeaderEpoch' }, (a) => offsetsForLeaderEpoch(state, a))
    .with({ type: 'TruncateToHighWatermark' }, (a) => truncateToHighWatermark(state, a))
    .with({ type: 'ElectLeader' }, (a) => electLeader(config, state, a))
    .with({ type: 'RestartBroker' }, (a) => restartBroker(state, a))
    .with({ type: 'RestartProducer' }, (a) => restartProducer(config, state, a))
    .with({ type: 'CrashBroker' }, (a) => crashBroker(config, state, a))
    .with({ type: 'ShrinkIsr' }, (a) => shrinkIsr(config, state, a))
    .with({ type: 'LoseRequest' }, (a) => loseRequest(state, a))
    .with({ type: 'LoseResponse' }, (a) => loseResponse(state, a))
    .with({ type: 'ResetConnection' }, (a) => resetConnection(config, state, a))
    .with({ type: 'RequestTimeout' }, (a) => requestTimeout(config, state, a))
    .with({ type: 'ExpireBatch' }, (a) => expireBatch(config, state, a))
    .with({ type: 'CrashProducer' }, (a) => crashProducer(config, state, a))
    .exhaustive();
}
