/**
 * The raw material of generated runs: small records of numbers that `decode` turns into
 * actions against the current model state. Shrinking works on these, so a shrunk run is
 * still a run of valid-looking actions.
 */
import fc from 'fast-check';

/** What a choice asks for; the weights steer runs into the interesting places. */
export type ChoiceKind =
  | 'create'
  | 'get'
  | 'put'
  | 'cleanup'
  | 'subsys'
  | 'device'
  | 'unregister'
  | 'netdev'
  | 'move'
  | 'del'
  | 'nsid'
  | 'timewait'
  | 'invalid';

/** One generated decision; `i`, `j`, `k` index into live sets, `mask` picks hooks. */
export interface Choice {
  readonly kind: ChoiceKind;
  readonly i: number;
  readonly j: number;
  readonly k: number;
  readonly mask: number;
  readonly bit: boolean;
}

const WEIGHTS: readonly [ChoiceKind, number][] = [
  ['create', 14],
  ['get', 4],
  ['put', 18],
  ['cleanup', 6],
  ['subsys', 6],
  ['device', 8],
  ['unregister', 4],
  ['netdev', 14],
  ['move', 5],
  ['del', 4],
  ['nsid', 7],
  ['timewait', 5],
  ['invalid', 2],
];

/** One choice. */
export const choiceArb: fc.Arbitrary<Choice> = fc.record({
  kind: fc.oneof(...WEIGHTS.map(([kind, weight]) => ({ arbitrary: fc.constant(kind), weight }))),
  i: fc.nat(63),
  j: fc.nat(63),
  k: fc.nat(63),
  mask: fc.nat(31),
  bit: fc.boolean(),
});

/** A run's worth of choices. */
export const choicesArb = (maxLength: number): fc.Arbitrary<Choice[]> =>
  fc.array(choiceArb, { minLength: 1, maxLength, size: 'max' });

/** One generated run: the boot (bare about one run in seven) and its choices. */
export interface RunInput {
  readonly boot: 'full' | 'bare';
  readonly choices: Choice[];
}

/** A run's boot and choices. */
export const runArb = (maxLength: number): fc.Arbitrary<RunInput> =>
  fc.record({
    boot: fc.oneof(
      { arbitrary: fc.constant('full' as const), weight: 6 },
      { arbitrary: fc.constant('bare' as const), weight: 1 },
    ),
    choices: choicesArb(maxLength),
  });
