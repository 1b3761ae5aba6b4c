/**
 * What the transaction protocol version changes. Version 1 (Kafka 3.9) keeps the producer epoch
 * across transactions, and the client adds each partition with AddPartitionsToTxn. Version 2
 * (Kafka 4.0, KIP-890 part 2) bumps the epoch at every EndTxn, so nothing of an ended
 * transaction can join the next one, and a partition leader adds the partition itself when the
 * first transactional batch arrives.
 */
export interface TransactionProtocol {
  /** EndTxn bumps the producer epoch, and the markers carry the bumped epoch. */
  readonly bumpEpochOnEndTxn: boolean;
  /** A partition leader adds the partition to the transaction on the first produce (no AddPartitionsToTxn). */
  readonly implicitAddPartitions: boolean;
}

export const transactionVersion1: TransactionProtocol = {
  bumpEpochOnEndTxn: false,
  implicitAddPartitions: false,
};

export const transactionVersion2: TransactionProtocol = {
  bumpEpochOnEndTxn: true,
  implicitAddPartitions: true,
};
