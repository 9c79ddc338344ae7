/**
 * The iproute2 command of each scenario step, as an argument vector (never a shell string),
 * with the logical namespace it runs in. Pure.
 */
import { devName, type Naming, nsName } from './parse.ts';
import { type SetupStep, WITNESS } from './scenario.ts';

/** `ip -n <exec> <argv…>`: `exec` is the logical namespace the command runs in. */
export interface Command {
  readonly exec: string;
  readonly argv: readonly string[];
}

/**
 * The command of a setup step, or null for a hold (taken by the runner itself). Creation
 * runs in the witness and names both ends' namespaces, so no socket of the run ever lives
 * in a namespace under test except for moves (whose deferred reference the runner flushes).
 */
export function setupCommand(s: SetupStep, n: Naming): Command | null {
  const [ns, dev] = [(net: string) => nsName(n, net), (d: string) => devName(n, d)];
  switch (s.op) {
    case 'veth':
      return {
        exec: WITNESS,
        argv: ['link', 'add', dev(s.dev), 'netns', ns(s.net), 'type', 'veth'].concat([
          'peer',
          'name',
          dev(s.peer),
          'netns',
          ns(s.peerNet),
        ]),
      };
    case 'bridge':
      return {
        exec: WITNESS,
        argv: ['link', 'add', dev(s.dev), 'netns', ns(s.net), 'type', 'bridge'],
      };
    case 'move':
      return { exec: s.from, argv: ['link', 'set', 'dev', dev(s.dev), 'netns', ns(s.to)] };
    case 'nsid':
      return { exec: WITNESS, argv: ['netns', 'set', ns(s.net), 'auto'] };
    case 'hold':
      return null;
  }
}
