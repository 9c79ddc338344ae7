import { describe, expect, it } from 'vitest';
import { initialState } from '../../model/state.ts';
import { view } from '../../model/view.ts';
import { CoverageCounter, TAGS, verdict, wilson } from '../../properties/coverage.ts';
import { gateCoverage, modelTrace, type SampledRun } from '../../properties/coverage-gate.ts';
import { runSeed } from '../../properties/seed.ts';

const seed = runSeed();
const boot = view(initialState({ boot: 'full' }));
/** A run that hits no tag: one get_net of init_net. */
const idle: SampledRun = {
  boot,
  steps: modelTrace([{ type: 'get_net', net: 'init_net' }], { boot: 'full' }),
};

describe('wilson', () => {
  it('brackets the observed share and narrows with more runs', () => {
    const small = wilson(5, 100);
    const large = wilson(50, 1000);
    expect(small.lo).toBeLessThan(0.05);
    expect(small.hi).toBeGreaterThan(0.05);
    expect(large.hi - large.lo).toBeLessThan(small.hi - small.lo);
  });

  it('gives 0 hits an upper end of about z²/(n + z²)', () => {
    expect(wilson(0, 300).lo).toBeCloseTo(0, 12);
    expect(wilson(0, 300).hi).toBeCloseTo(4.75 ** 2 / (300 + 4.75 ** 2), 6);
  });
});

describe('verdict', () => {
  it('passes a share well above the minimum', () => {
    expect(verdict(300, 1000, 0.1)).toBe('pass');
  });
  it('fails a share well below the minimum', () => {
    expect(verdict(0, 1000, 0.1)).toBe('fail');
  });
  it('leaves a rare tag undecided on few runs', () => {
    expect(verdict(0, 300, 0.003)).toBe('undecided');
  });
});

describe('gateCoverage', () => {
  it(`passes the real generator, sampling more runs only if needed (NETNS_SEED=${seed})`, () => {
    const gate = gateCoverage(new CoverageCounter(), { seed, maxActions: 40 });
    expect(gate.shortfalls).toEqual([]);
    expect(gate.extraRuns).toBeGreaterThan(0);
  });

  it(`passes the generator with the TIME_WAIT actions in 6.18 (NETNS_SEED=${seed})`, () => {
    const gate = gateCoverage(new CoverageCounter('6.18', true), { seed, maxActions: 40 });
    expect(gate.shortfalls).toEqual([]);
  });

  it('fails a generator that never reaches the tags', () => {
    const gate = gateCoverage(new CoverageCounter(), {
      seed,
      maxActions: 40,
      sample: (_, n) => Array.from({ length: n }, () => idle),
    });
    expect(gate.shortfalls).toHaveLength(new CoverageCounter().tags.length);
    expect(gate.shortfalls[0]).toMatch(/significantly below the minimum/);
  });

  it('reports a tag still undecided at the cap', () => {
    const gate = gateCoverage(new CoverageCounter(), {
      seed,
      maxActions: 40,
      cap: 50,
      sample: (_, n) => Array.from({ length: n }, () => idle),
    });
    expect(gate.extraRuns).toBe(50);
    expect(gate.shortfalls.some((s) => /not shown to reach/.test(s))).toBe(true);
  });

  it('counts and gates only the tags a profile can hit', () => {
    const names = (k: '2.6.32' | '2.6.33' | '6.18') =>
      new CoverageCounter(k).tags.map((t) => t.name);
    expect(names('6.18')).not.toContain('tw-purge');
    expect(new CoverageCounter('6.18', true).tags.map((t) => t.name)).toEqual(
      TAGS.map((t) => t.name),
    );
    expect(names('2.6.33')).toContain('tw-purge');
    expect(names('2.6.33')).not.toContain('pre_exit');
    expect(names('2.6.33')).toContain('batch>=3');
    expect(names('2.6.32')).not.toContain('batch>=2');
    expect(names('2.6.32')).not.toContain('nsid-unhash');
    const gate = gateCoverage(new CoverageCounter('2.6.33'), {
      seed,
      maxActions: 40,
      kernel: '2.6.33',
    });
    expect(gate.shortfalls).toEqual([]);
  });
});
