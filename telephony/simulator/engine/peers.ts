import type { Ctx } from '../context.js';
import { varsetEvent } from '../events.js';
import type { SimBridge } from '../state.js';

export function isMixingBridge(b: SimBridge): boolean {
  return !b.types.includes('holding');
}

/**
 * BRIDGEPEER on every member of a mixing bridge with two or more members: the other members'
 * names, newest first, Recorder channels included. Asterisk sets it (and reports it) on every
 * reconfiguration, even when the value does not change; a bridge left with one member is not
 * reconfigured, so that member keeps its old value.
 */
export function updatePeersOf(ctx: Ctx, bridge: SimBridge): void {
  if (!isMixingBridge(bridge)) return;
  const members = [
    ...bridge.channels.map((id) => ctx.state.channels.get(id)?.name ?? ''),
    ...bridge.extraMembers,
  ];
  if (members.length < 2) return;
  const newestFirst = [...members].reverse();
  for (const id of bridge.channels) {
    const ch = ctx.state.channels.get(id);
    if (!ch) continue;
    const value = newestFirst.filter((n) => n !== ch.name).join(',');
    ch.variables.set('BRIDGEPEER', value);
    varsetEvent(ctx, ch, 'BRIDGEPEER', value);
  }
}
