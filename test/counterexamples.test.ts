/**
 * The counterexample database, replayed before any random run: every stored case must still
 * fail against the implementation that produced it (detection has not regressed) and must
 * pass against the model-conforming implementation (the fix holds). A case that no longer
 * fails against its own implementation is reported as fixed.
 */
import { describe, expect, it } from 'vitest';
import { IMPLEMENTATIONS, resolveImplementation } from '../cli/implementations.ts';
import { load, storedFiles } from '../properties/counterexample.ts';
import { recheck } from '../properties/stored.ts';

const files = storedFiles('counterexamples');
const conforming = IMPLEMENTATIONS.reference ?? IMPLEMENTATIONS.model!;

describe.skipIf(files.length === 0)('stored counterexamples', () => {
  for (const file of files) {
    const cx = load(file);
    it(`${file} still fails on ${cx.implementation.name}${cx.implementation.bugs ? ` [${cx.implementation.bugs.join(',')}]` : ''}, and passes on the conforming implementation`, async () => {
      const own = await resolveImplementation(
        cx.implementation.name,
        undefined,
        cx.implementation.bugs ?? [],
      );
      const again = await recheck(cx, own.factory);
      if (again.status === 'fixed')
        console.log(`FIXED: ${file} no longer fails on ${cx.implementation.name}`);
      expect(again.status).toBe('fails');
      if (again.status === 'fails')
        expect(again.shrunk.length).toBeLessThanOrEqual(cx.actions.length);
      expect((await recheck(cx, conforming)).status).toBe('fixed');
    });
  }
});
