/**
 * Test generation from the spec: every distinct path of a scope replayed in lockstep. The
 * model as an implementation passes; the FIFO fixture fails on its shortest path; a bug on
 * a rejected request shows only when every transition is replayed.
 */
import { describe, expect, it } from 'vitest';
import { explore } from '../../explore/bfs.ts';
import { lockstepLevels, type LockstepCounter } from '../../explore/lockstep.ts';
import { modelImplementation } from '../../properties/model-implementation.ts';
import fifo from '../fixtures/fifo-implementation.ts';
import dyingPeer from './fixtures/dying-peer-nsid.ts';

const scope = { nets: 2, ops: 0, devices: 0, depth: 5 };

describe('lockstep exploration', () => {
  it('replays the path to every distinct state against the model, which agrees', async () => {
    const counter: LockstepCounter = { paths: 0 };
    const onLevel = lockstepLevels((opts) => modelImplementation(opts), 'full', counter);
    const r = await explore({ scope: { ...scope, depth: 3 }, onLevel });
    expect(r.finding).toBeNull();
    expect(counter.paths).toBe(r.distinct - 1);
  });

  it('replays every transition with keepEdges', async () => {
    const counter: LockstepCounter = { paths: 0 };
    const onLevel = lockstepLevels((opts) => modelImplementation(opts), 'full', counter);
    const r = await explore({ scope: { ...scope, depth: 2 }, onLevel, keepEdges: true });
    expect(r.finding).toBeNull();
    expect(counter.paths).toBeLessThan(r.generated);
    expect(counter.paths).toBeGreaterThan(r.distinct);
  });

  it('finds the shortest path on which a FIFO batch order shows', async () => {
    const r = await explore({ scope, onLevel: lockstepLevels(fifo, 'full') });
    expect(r.finding?.property).toBe('refinement');
    expect(r.finding!.steps.map((s) => s.action.type)).toEqual([
      'copy_net_ns',
      'copy_net_ns',
      'put_net',
      'put_net',
      'cleanup_net',
    ]);
    expect(r.finding!.observed!.at(-1)!.events[0]).toEqual({ type: 'batch', nets: ['n1', 'n2'] });
  });

  it('finds a bug on a rejected request only when replaying every transition', async () => {
    const small = { nets: 1, ops: 0, devices: 0, depth: 3 };
    const states = await explore({ scope: small, onLevel: lockstepLevels(dyingPeer, 'full') });
    expect(states.finding).toBeNull();
    const onLevel = lockstepLevels(dyingPeer, 'full');
    const edges = await explore({ scope: small, onLevel, keepEdges: true });
    expect(edges.finding!.steps.map((s) => s.action)).toEqual([
      { type: 'copy_net_ns', net: 'n1' },
      { type: 'put_net', net: 'n1' },
      { type: 'peernet2id_alloc', net: 'init_net', peer: 'n1' },
    ]);
  });
});
