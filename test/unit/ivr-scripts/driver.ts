import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { IvrInterpreter, compileIvrScript } from '../../../ivr-scripts/index.js';
import type {
  CompiledScript,
  IvrCallContext,
  IvrCommand,
  IvrEvent,
  IvrState,
} from '../../../ivr-scripts/index.js';

export function mainScript(): CompiledScript {
  const url = new URL('../../../ivr-scripts/scripts/main.yaml', import.meta.url);
  return compileIvrScript(readFileSync(url, 'utf8'), 'main.yaml');
}

/** 2026-03-03 (a Tuesday) 10:00 in Shanghai: the default script is open. */
export const TUESDAY_10AM = Date.parse('2026-03-03T10:00:00+08:00');

type Of<T extends IvrCommand['type']> = Extract<IvrCommand, { type: T }>;

/**
 * Plays the telephony layer's part against the interpreter: keeps the state as Redis would
 * (through JSON at every step, checking nothing is lost), and answers playbacks, timers and
 * lookups by the ids the interpreter gave out.
 */
export class Caller {
  state: IvrState;
  readonly log: IvrCommand[] = [];
  /** The commands of the last start/step only. */
  last: IvrCommand[] = [];
  /** Every state as stored, for checks that nothing sensitive was ever kept. */
  readonly stored: string[] = [];
  private readonly interpreter: IvrInterpreter;

  constructor(
    readonly script: CompiledScript,
    context: Partial<IvrCallContext> = {},
  ) {
    this.interpreter = new IvrInterpreter(script);
    const result = this.interpreter.start({
      callId: 'call-1',
      callerNumber: '+8613800138000',
      customer: null,
      now: TUESDAY_10AM,
      ...context,
    });
    this.state = this.keep(result.state);
    this.record(result.commands);
  }

  private keep(state: IvrState): IvrState {
    const json = JSON.stringify(state);
    const back = JSON.parse(json) as IvrState;
    expect(back).toEqual(state);
    this.stored.push(json);
    return back;
  }

  private record(commands: IvrCommand[]): void {
    this.last = commands;
    this.log.push(...commands);
  }

  send(event: IvrEvent): IvrCommand[] {
    const result = this.interpreter.step(this.state, event);
    this.state = this.keep(result.state);
    this.record(result.commands);
    return result.commands;
  }

  all<T extends IvrCommand['type']>(type: T, from: IvrCommand[] = this.log): Of<T>[] {
    return from.filter((c): c is Of<T> => c.type === type);
  }

  lastOf<T extends IvrCommand['type']>(type: T): Of<T> {
    const found = this.all(type).at(-1);
    if (!found) throw new Error(`no ${type} command yet`);
    return found;
  }

  /** The playback the state waits on finishes. */
  finishPrompt(): IvrCommand[] {
    const wait = this.state.wait;
    if (wait.on !== 'prompt') throw new Error(`not waiting on a prompt but on ${wait.on}`);
    return this.send({ type: 'prompt_finished', playbackId: wait.playbackId });
  }

  press(digits: string): IvrCommand[] {
    const out: IvrCommand[] = [];
    for (const digit of digits) out.push(...this.send({ type: 'dtmf', digit }));
    this.last = out;
    return out;
  }

  /** Lets the prompt end, then types (the usual way: no barge-in). */
  answer(digits: string): IvrCommand[] {
    this.finishPrompt();
    return this.press(digits);
  }

  timeout(): IvrCommand[] {
    const wait = this.state.wait;
    if (wait.on !== 'input' && wait.on !== 'lookup')
      throw new Error(`no timer pending (${wait.on})`);
    return this.send({ type: 'timeout', timerId: wait.timerId });
  }

  lookupResult(data: unknown, error?: string): IvrCommand[] {
    const wait = this.state.wait;
    if (wait.on !== 'lookup') throw new Error(`not waiting on a lookup but on ${wait.on}`);
    const event: IvrEvent =
      error === undefined
        ? { type: 'lookup_result', requestId: wait.requestId, data }
        : { type: 'lookup_result', requestId: wait.requestId, error };
    return this.send(event);
  }

  /** Node ids entered, in order (the IVR path the console shows). */
  path(): string[] {
    return this.all('ivr_step')
      .filter((s) => s.input === undefined && s.redacted === undefined)
      .map((s) => s.nodeId);
  }

  media(from: IvrCommand[] = this.last): string[][] {
    return this.all('play', from).map((p) => p.media);
  }
}
