import { describe, expect, it } from 'vitest';
import type { Action } from './action.ts';
import { configWith, noFaults, runActions } from './testing.ts';

const p0 = { producer: 0 } as const;

describe('canonical states', () => {
  it('canonical: two orders of independent steps reach equal states', () => {
    // Expected: states are plain data with no history of irrelevant order, so they compare equal.
    const config = configWith({ faults: { ...noFaults, crash: 2 } });
    const pairs: [Action[], Action[]][] = [
      [
        [
          { type: 'Send', ...p0 },
          { type: 'InitProducerId', ...p0 },
        ],
        [
          { type: 'InitProducerId', ...p0 },
          { type: 'Send', ...p0 },
        ],
      ],
      [
        [
          { type: 'CrashBroker', broker: 1, powerLoss: false },
          { type: 'CrashBroker', broker: 2, powerLoss: false },
        ],
        [
          { type: 'CrashBroker', broker: 2, powerLoss: false },
          { type: 'CrashBroker', broker: 1, powerLoss: false },
        ],
      ],
    ];
    const append: Action[] = [
      { type: 'InitProducerId', ...p0 },
      { type: 'Send', ...p0 },
      { type: 'SendProduce', ...p0, partition: 0 },
      { type: 'HandleProduce', ...p0, broker: 0, from: 'connection' },
    ];
    pairs.push([
      [...append, { type: 'Fetch', partition: 0, broker: 1 }, { type: 'Fetch', partition: 0, broker: 2 }],
      [...append, { type: 'Fetch', partition: 0, broker: 2 }, { type: 'Fetch', partition: 0, broker: 1 }],
    ]);
    for (const [a, b] of pairs) expect(runActions(config, a)).toEqual(runActions(config, b));
  });

  it('canonical: a crashed and restarted producer with nothing in flight equals a fresh one bar its PID', () => {
    // Expected: nothing of the old instance lingers in the state except what the cluster handed out.
    const config = configWith({ enableIdempotence: false, faults: { ...noFaults, producerRestart: 1 } });
    const restarted = runActions(config, [
      { type: 'CrashProducer', ...p0 },
      { type: 'RestartProducer', ...p0 },
    ]);
    const fresh = runActions(config, []);
    expect({ ...restarted, faultsUsed: fresh.faultsUsed }).toEqual(fresh);
  });
});
