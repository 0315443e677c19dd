import { IvrError } from '../errors.js';
import type { LanguageTag } from '../languages.js';
import type { CompiledScript } from '../model.js';
import { handlerOf, requestAnswered, requestFailed } from './nodes/index.js';
import type { RequestNode } from './nodes/index.js';
import { Run } from './run.js';
import type { IvrCallContext, IvrEvent, IvrResult, IvrState } from './types.js';
import { checkContext, checkEvent } from './validate.js';

function checkState(script: CompiledScript, state: IvrState): void {
  if (state?.v !== 1 || state.scriptId !== script.id) {
    throw new IvrError('state_invalid', `IVR state is not a v1 state of script ${script.id}`);
  }
  if (!Object.hasOwn(script.nodes, state.node)) {
    throw new IvrError(
      'state_invalid',
      `IVR state is at node ${state.node}, which script ${script.id} no longer has`,
    );
  }
}

function onDigit(run: Run, digit: string): void {
  const { state } = run;
  const wait = state.wait;
  if (wait.on === 'prompt') {
    if (!wait.bargeIn) return;
    run.emit({ type: 'stop_playback', id: wait.playbackId });
    state.wait = { on: 'none' };
    if (wait.then.do === 'goto') {
      run.goto(wait.then.target, digit);
      return;
    }
  } else if (wait.on === 'input') {
    run.emit({ type: 'cancel_timer', id: wait.timerId });
    state.wait = { on: 'none' };
  } else return;
  const node = run.node();
  handlerOf(node.kind).digit?.(run, node, digit);
}

function apply(run: Run, event: IvrEvent): void {
  const { state } = run;
  const wait = state.wait;
  switch (event.type) {
    case 'dtmf':
      onDigit(run, event.digit);
      return;
    case 'prompt_finished':
      if (wait.on === 'prompt' && wait.playbackId === event.playbackId) run.afterPrompt(wait.then);
      else if (wait.on === 'lookup' && wait.playbackId === event.playbackId) wait.playbackId = null;
      return;
    case 'timeout':
      if (wait.on === 'input' && wait.timerId === event.timerId) {
        state.wait = { on: 'none' };
        const node = run.node();
        handlerOf(node.kind).inputTimeout?.(run, node);
      } else if (wait.on === 'lookup' && wait.timerId === event.timerId) {
        requestFailed(run, run.node() as RequestNode);
      }
      return;
    case 'lookup_result':
      if (wait.on === 'lookup' && wait.requestId === event.requestId) {
        requestAnswered(run, run.node() as RequestNode, event.data, event.error);
      }
      return;
    case 'hangup':
      if (wait.on === 'input' || wait.on === 'lookup')
        run.emit({ type: 'cancel_timer', id: wait.timerId });
      state.wait = { on: 'none' };
      state.ended = 'caller_hangup';
      return;
  }
}

/**
 * Runs a compiled script for one call. Pure: `start` and `step` take and return plain JSON
 * state (the telephony layer stores it between events) and return the commands to carry out.
 * Events that no longer match what the state waits for (a late timer, an old playback) are
 * ignored, so replays after a restart are harmless.
 */
export class IvrInterpreter {
  constructor(readonly script: CompiledScript) {}

  start(context: IvrCallContext): IvrResult {
    const ctx = checkContext(context);
    const wanted = ctx.customer?.language;
    const language: LanguageTag =
      wanted !== undefined && (this.script.languages as string[]).includes(wanted)
        ? (wanted as LanguageTag)
        : this.script.defaultLanguage;
    const state: IvrState = {
      v: 1,
      scriptId: this.script.id,
      callId: ctx.callId,
      seq: 0,
      now: ctx.now,
      callerNumber: ctx.callerNumber,
      customer: ctx.customer === null ? null : { ...ctx.customer },
      language,
      vars: {},
      priority: null,
      skills: {},
      node: this.script.start,
      attempts: 0,
      wait: { on: 'none' },
      entry: null,
      recordingPaused: false,
      ended: null,
    };
    const run = new Run(this.script, state, handlerOf);
    run.goto(this.script.start);
    return { state, commands: run.commands };
  }

  step(state: IvrState, event: IvrEvent): IvrResult {
    checkState(this.script, state);
    const ev = checkEvent(event);
    if (state.ended !== null) return { state, commands: [] };
    const next = structuredClone(state);
    if (ev.now !== undefined) next.now = ev.now;
    const run = new Run(this.script, next, handlerOf);
    apply(run, ev);
    return { state: next, commands: run.commands };
  }
}

/** Whether digits pressed now belong to a sensitive entry (the caller must not log them). */
export function isCollectingSensitive(script: CompiledScript, state: IvrState): boolean {
  const node = script.nodes[state.node];
  return state.ended === null && node?.kind === 'collect' && node.sensitive;
}
