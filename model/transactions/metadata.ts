/**
 * Reading and rewriting the transaction coordinator's metadata, one entry per transactional.id
 * (producer i's application uses transactional.id `<id>-i`, so the entries follow the producers).
 */
import { isUp } from '../cluster.ts';
import { replaceAt } from '../immutable.ts';
import type { State, TransactionMetadata } from '../state.ts';

export function transactionAt(state: State, producer: number): TransactionMetadata {
  const t = state.transactions[producer];
  if (t === undefined) throw new RangeError(`no transactional.id for producer ${producer}`);
  return t;
}

export function withTransaction(state: State, producer: number, next: TransactionMetadata): State {
  return { ...state, transactions: replaceAt(state.transactions, producer, next) };
}

/** The transactional.id whose current PID this is, or -1 (a PID the coordinators no longer hand out is fenced). */
export function transactionOfProducerId(state: State, producerId: number): number {
  return state.transactions.findIndex((t) => t.producerId === producerId);
}

/** The live broker a client's FindCoordinator names for producer's transactional.id, or null. */
export function liveCoordinator(state: State, producer: number): number | null {
  const { coordinator } = transactionAt(state, producer);
  return isUp(state, coordinator) ? coordinator : null;
}

/** The bits of a partition set, ascending. */
export function partitionsOf(bits: number): readonly number[] {
  const out: number[] = [];
  for (let p = 0; bits >> p !== 0; p++) if ((bits >> p) & 1) out.push(p);
  return out;
}

export function hasPartition(bits: number, partition: number): boolean {
  return ((bits >> partition) & 1) === 1;
}

/** Prepare* with every partition's marker still to be written (Complete* at once when there is none). */
export function prepare(t: TransactionMetadata, commit: boolean, producerEpoch: number): TransactionMetadata {
  const prepared: TransactionMetadata = {
    ...t,
    producerEpoch,
    state: commit ? 'PrepareCommit' : 'PrepareAbort',
    pendingMarkers: partitionsOf(t.partitions).map((partition) => ({
      partition,
      offset: -1,
      leaderEpoch: -1,
    })),
    groupOffsets: t.groupOffsets === 'added' ? 'marker' : t.groupOffsets,
  };
  return markersDone(prepared) ? complete(prepared) : prepared;
}

/** Every marker of a prepared transaction is written, the group coordinator's included. */
export function markersDone(t: TransactionMetadata): boolean {
  return t.pendingMarkers.length === 0 && t.groupOffsets !== 'marker';
}

/** Complete*: the transaction's partitions (and the group's offsets) are cleared. */
export function complete(t: TransactionMetadata): TransactionMetadata {
  return {
    ...t,
    state: t.state === 'PrepareCommit' ? 'CompleteCommit' : 'CompleteAbort',
    partitions: 0,
    pendingMarkers: [],
    groupOffsets: 'none',
  };
}

/** A transaction is in its second phase: markers are being written. */
export function isPreparing(t: TransactionMetadata): boolean {
  return t.state === 'PrepareCommit' || t.state === 'PrepareAbort' || t.state === 'PrepareEpochFence';
}

/**
 * What the coordinator does to fence an instance and end what it left open (Kafka's
 * prepareFenceProducerEpoch, then an abort from the coordinator itself): the epoch is bumped and
 * an Ongoing transaction goes to PrepareAbort with the bumped epoch.
 */
export function fenceAndAbort(t: TransactionMetadata): TransactionMetadata {
  return prepare(t, false, t.producerEpoch + 1);
}
