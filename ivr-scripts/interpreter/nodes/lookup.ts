import { lookupArgs, readLookupData } from '../../lookups.js';
import type { NodeOf } from '../../model.js';
import type { NodeHandler, Run } from '../run.js';
import { readVar } from '../vars.js';

type Lookup = NodeOf<'lookup'>;

/**
 * A self-service CRM lookup: the telephony layer runs it and answers with `lookup_result`.
 * Digits typed meanwhile are dropped: the caller cannot know what the next question will be.
 */
export const lookupHandler: NodeHandler<Lookup> = {
  enter(run, node) {
    const value = node.input === null ? run.state.callerNumber : readVar(run.state, node.input);
    if (value === undefined || value === null || value === '' || typeof value === 'boolean') {
      run.goto(node.notFound);
      return;
    }
    const requestId = run.newLookupId();
    run.emit({ type: 'lookup', id: requestId, ...lookupArgs(node.lookup, String(value)) });
    const timerId = run.startTimer(node.timeoutMs);
    const playbackId = run.playCommand(node.waitPrompts, false);
    run.state.wait = { on: 'lookup', requestId, timerId, playbackId };
  },
};

function settle(run: Run): void {
  const wait = run.state.wait;
  if (wait.on !== 'lookup') return;
  if (wait.playbackId !== null) run.emit({ type: 'stop_playback', id: wait.playbackId });
  run.state.wait = { on: 'none' };
}

/** A failed or timed-out lookup: an apology, then the node's fallback (usually an agent). */
export function lookupFailed(run: Run, node: Lookup): void {
  settle(run);
  run.play(node.errorPrompts, false, { do: 'goto', target: node.fallback });
}

export function lookupAnswered(
  run: Run,
  node: Lookup,
  data: unknown,
  error: string | undefined,
): void {
  const wait = run.state.wait;
  if (wait.on === 'lookup') run.emit({ type: 'cancel_timer', id: wait.timerId });
  const outcome = error === undefined ? readLookupData(node.lookup, data) : null;
  if (outcome === null || !outcome.ok) {
    lookupFailed(run, node);
    return;
  }
  settle(run);
  if (!outcome.found) {
    run.goto(node.notFound);
    return;
  }
  for (const [field, value] of Object.entries(outcome.vars)) {
    run.state.vars[`${node.into}.${field}`] = value;
  }
  run.goto(node.found);
}
