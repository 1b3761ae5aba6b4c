/**
 * Where a leader stops a read_committed fetch, given the partition's last stable offset and high
 * watermark. Kafka serves offsets below the LSO; the inclusive variant serves the LSO itself too
 * while a transaction is open there (an off-by-one that hands out an open transaction's first record).
 */
export type LsoBound = (lastStableOffset: number, highWatermark: number) => number;

export const exclusiveLso: LsoBound = (lso) => lso;

export const inclusiveLso: LsoBound = (lso, highWatermark) => (lso < highWatermark ? lso + 1 : lso);
