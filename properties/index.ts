/** The properties deliverycheck judges, in the order reports list them. */
import { atomicTransaction } from './atomic-transaction.ts';
import { fencing } from './fencing.ts';
import { noDuplicate } from './no-duplicate.ts';
import { noLoss } from './no-loss.ts';
import { order } from './order.ts';
import { progress } from './progress.ts';
import type { Property, PropertyName } from './property.ts';
import { readCommitted } from './read-committed.ts';
import { replicaConsistency } from './replica-consistency.ts';

export const properties: readonly Property[] = [
  noLoss,
  noDuplicate,
  order,
  replicaConsistency,
  progress,
  readCommitted,
  atomicTransaction,
  fencing,
];

export const propertyNames: readonly PropertyName[] = properties.map((p) => p.name);

export * from './property.ts';
