import { describe, expect, it } from 'vitest';
import type { Event } from '../../../model/events.ts';
import { fmtAll, sameEvents } from '../../../model/invariants/format.ts';

describe('sameEvents', () => {
  it('agrees with comparing the printed forms', () => {
    const lists: Event[][] = [
      [],
      [{ type: 'queue', net: 'n1' }],
      [{ type: 'queue', net: 'n2' }],
      [{ type: 'batch', nets: ['n1', 'n2'] }],
      [{ type: 'batch', nets: ['n2', 'n1'] }],
      [{ type: 'batch', nets: ['n1,n2'] }],
      [{ type: 'exit', op: 'A', net: 'n1' }],
      [{ net: 'n1', op: 'A', type: 'exit' }],
      // Ids no pool hands out, whose printed forms coincide with other lists'.
      [{ type: 'queue', net: 'n1}, queue{n2' }],
      [
        { type: 'queue', net: 'n1' },
        { type: 'queue', net: 'n2' },
      ],
    ];
    for (const a of lists) {
      for (const b of lists) expect(sameEvents(a, b)).toBe(fmtAll(a) === fmtAll(b));
    }
  });
});
