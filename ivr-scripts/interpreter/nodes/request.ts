import { readLookupData } from '../../lookups.js';
import type { LookupArgs } from '../../lookups.js';
import type { NodeOf, RequestKind } from '../../model.js';
import type { Run } from '../run.js';

/** Nodes that ask the CRM and wait for its answer: the lookups and the callback's cancel. */
export type RequestNode = NodeOf<'lookup'> | NodeOf<'cancel_callback'>;

function kindOf(node: RequestNode): RequestKind {
  return node.kind === 'lookup' ? node.lookup : 'cancel_callback';
}

/**
 * Sends the request (the telephony layer runs it and answers with `lookup_result`), starts its
 * timer and plays the wait prompt. Digits typed meanwhile are dropped: the caller cannot know
 * what the next question will be.
 */
export function sendRequest(run: Run, node: RequestNode, request: LookupArgs): void {
  const requestId = run.newLookupId();
  run.emit({ type: 'lookup', id: requestId, ...request });
  const timerId = run.startTimer(node.timeoutMs);
  const playbackId = run.playCommand(node.waitPrompts, false);
  run.state.wait = { on: 'lookup', requestId, timerId, playbackId };
}

function settle(run: Run): void {
  const wait = run.state.wait;
  if (wait.on !== 'lookup') return;
  if (wait.playbackId !== null) run.emit({ type: 'stop_playback', id: wait.playbackId });
  run.state.wait = { on: 'none' };
}

/** A failed or timed-out request: an apology, then the node's fallback (usually an agent). */
export function requestFailed(run: Run, node: RequestNode): void {
  settle(run);
  run.play(node.errorPrompts, false, { do: 'goto', target: node.fallback });
}

/** The CRM's answer, checked against what the request kind may answer. */
export function requestAnswered(
  run: Run,
  node: RequestNode,
  data: unknown,
  error: string | undefined,
): void {
  const wait = run.state.wait;
  if (wait.on === 'lookup') run.emit({ type: 'cancel_timer', id: wait.timerId });
  const outcome = error === undefined ? readLookupData(kindOf(node), data) : null;
  if (outcome === null || !outcome.ok) {
    requestFailed(run, node);
    return;
  }
  settle(run);
  if (!outcome.found) {
    run.goto(node.notFound);
    return;
  }
  if (node.kind === 'cancel_callback') {
    run.goto(node.cancelled);
    return;
  }
  for (const [field, value] of Object.entries(outcome.vars)) {
    run.state.vars[`${node.into}.${field}`] = value;
  }
  run.goto(node.found);
}
