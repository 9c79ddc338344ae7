/**
 * Actions as kernel calls and events as one-line text, for failure messages.
 */
import type { Action } from '../model/actions.ts';
import type { Event } from '../model/events.ts';

/** An action as the kernel call it models, e.g. `put_net(n1)`. */
export function renderAction(a: Action): string {
  const { type, ...args } = a;
  const parts = Object.entries(args).map(
    ([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`,
  );
  return `${type}(${parts.join(', ')})`;
}

/** An event as `type{field=value, ...}`. */
export function renderEvent(e: Event | undefined): string {
  if (e === undefined) return '(nothing)';
  const { type, ...fields } = e;
  const parts = Object.entries(fields).map(
    ([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`,
  );
  return parts.length ? `${type}{${parts.join(', ')}}` : type;
}
