/**
 * Every generated documentation file, by path.
 */
import { initialState } from '../../model/state.ts';
import { step } from '../../model/step.ts';
import type { Event } from '../../model/events.ts';
import {
  BATCH_SCENARIO,
  batchPhases,
  lifecycleEdges,
  lifecycleSvg,
  phasesSvg,
} from './diagrams.ts';
import { markdownToHtml } from './html.ts';
import { renderSpec } from './render.ts';

function lastBatchEvents(): readonly Event[] {
  let state = initialState();
  let events: readonly Event[] = [];
  for (const a of BATCH_SCENARIO) ({ state, events } = step(state, a));
  return events;
}

/** Path → content. */
export function generate(): Record<string, string> {
  const md = `${renderSpec()}\n`;
  return {
    'docs/SPEC.md': md,
    'docs/SPEC.html': markdownToHtml('netns-model spec reference', md),
    'docs/lifecycle.svg': lifecycleSvg(lifecycleEdges()),
    'docs/batch-phases.svg': phasesSvg(batchPhases(lastBatchEvents())),
  };
}
generate.files = ['docs/SPEC.md', 'docs/SPEC.html', 'docs/lifecycle.svg', 'docs/batch-phases.svg'];
