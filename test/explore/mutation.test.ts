/**
 * A deliberately broken model is caught, with a shortest counterexample that the
 * counterexample format stores and the brute-force enumeration confirms as shortest.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explore, type StepFn } from '../../explore/bfs.ts';
import { renderFinding, toCounterexample } from '../../explore/counterexample.ts';
import type { Scope } from '../../explore/scope.ts';
import { checkAll } from '../../model/invariants/index.ts';
import { parseCounterexample, save } from '../../properties/counterexample.ts';
import { enumerate } from './brute-force.ts';
import { forwardDeviceOrder, keepNsids, noGracePeriod } from './mutants.ts';

/** The shortest violation of any family over every action sequence of `scope`. */
const bruteForce = (scope: Scope, step: StepFn): number | null =>
  enumerate(scope, {
    step,
    violates: (steps) =>
      checkAll({
        kernel: '6.18',
        boot: 'full',
        steps: steps.map(({ action, result }) => ({ action, ...result })),
      }).length > 0,
  }).shortestViolation;

const CASES = [
  {
    name: 'devices unregistered in order of entry',
    step: forwardDeviceOrder,
    scope: { nets: 1, ops: 0, devices: 1, depth: 5 },
    property: 'reverse-order-device-removal',
    calls: ['copy_net_ns', 'register_netdev', 'put_net', 'cleanup_net'],
  },
  {
    name: 'no grace period in cleanup_net',
    step: noGracePeriod,
    scope: { nets: 1, ops: 1, devices: 0, depth: 5 },
    property: 'batching',
    calls: ['copy_net_ns', 'put_net', 'cleanup_net'],
  },
  {
    name: 'nsids not unhashed',
    step: keepNsids,
    scope: { nets: 2, ops: 0, devices: 0, depth: 5 },
    property: 'nsid',
    calls: ['copy_net_ns', 'peernet2id_alloc', 'put_net', 'cleanup_net'],
  },
] as const;

describe('a mutated model', () => {
  for (const c of CASES) {
    it(`is caught: ${c.name}`, async () => {
      const r = await explore({ scope: c.scope, step: c.step });
      expect(r.finding?.property).toBe(c.property);
      expect(r.finding!.steps.map((s) => s.action.type)).toEqual(c.calls);
      // The monitors' verdict is the whole-trace check's: its first violation is the last step.
      const whole = checkAll({ kernel: '6.18', boot: 'full', steps: r.finding!.steps });
      const last = r.finding!.steps.length - 1;
      expect(whole.filter((v) => v.step < last)).toEqual([]);
      expect(whole.find((v) => v.step === last)).toMatchObject({
        invariant: r.finding!.property,
        message: r.finding!.message,
      });
      expect(renderFinding(r.finding!)).toContain('#0 copy_net_ns');
      const dir = mkdtempSync(join(tmpdir(), 'explore-'));
      const file = save(dir, toCounterexample(r.finding!, 'full', { name: 'mutant' }));
      const cx = parseCounterexample(readFileSync(file, 'utf8'), file);
      expect(cx.actions).toEqual(r.finding!.steps.map((s) => s.action));
      expect(cx.observed).not.toBeNull();
      expect(cx.observed).not.toEqual(cx.expected);
    });
  }

  it('has no shorter counterexample than the one found (brute force)', () => {
    const scope = { nets: 1, ops: 0, devices: 0, depth: 3 };
    expect(bruteForce(scope, noGracePeriod)).toBe(3);
    expect(bruteForce({ ...scope, depth: 2 }, noGracePeriod)).toBeNull();
  });
});
