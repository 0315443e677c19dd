import { IvrError } from '../errors.js';
import { asteriskLanguage } from '../languages.js';
import type { CompiledNode, CompiledScript } from '../model.js';
import { promptMedia } from './media.js';
import type { IvrCommand, IvrState, PromptThen } from './types.js';

/**
 * What each kind of node does; declared here so that handlers depend on the run and the run only
 * on this shape (kept free of import cycles).
 */
export interface NodeHandler<N extends CompiledNode = CompiledNode> {
  enter(run: Run, node: N, typeahead: string): void;
  /** A digit while the node waits for input (its prompt, if playing, is already stopped). */
  digit?(run: Run, node: N, digit: string): void;
  inputTimeout?(run: Run, node: N): void;
  /** A terminal node's action, once its announcement has played. */
  finish?(run: Run, node: N): void;
}

export type Dispatch = (kind: CompiledNode['kind']) => NodeHandler;

/** Nodes entered within one event before the run is judged stuck (the compiler rejects such loops). */
const MAX_HOPS = 64;

/**
 * One event's worth of work on a state the caller owns a copy of: node handlers change the state
 * through it and it collects the commands, in order, for the telephony layer.
 */
export class Run {
  readonly commands: IvrCommand[] = [];
  private hops = 0;

  constructor(
    readonly script: CompiledScript,
    readonly state: IvrState,
    private readonly handlerOf: Dispatch,
  ) {}

  emit(command: IvrCommand): void {
    this.commands.push(command);
  }

  private nextId(kind: 'p' | 't' | 'l'): string {
    this.state.seq += 1;
    return `${this.state.callId}-${kind}${this.state.seq}`;
  }

  /** Emits a play of the prompts in the caller's language and returns its playback id. */
  playCommand(prompts: readonly string[], bargeIn: boolean): string | null {
    const media = promptMedia(this.script, prompts, this.state.language, this.state);
    if (media.length === 0) return null;
    const id = this.nextId('p');
    this.emit({ type: 'play', id, media, lang: asteriskLanguage(this.state.language), bargeIn });
    return id;
  }

  /** Plays and waits for the end of the playback; with nothing to play, goes on at once. */
  play(prompts: readonly string[], bargeIn: boolean, then: PromptThen): void {
    const playbackId = this.playCommand(prompts, bargeIn);
    if (playbackId !== null) {
      this.state.wait = { on: 'prompt', playbackId, bargeIn, then };
      return;
    }
    this.afterPrompt(then);
  }

  afterPrompt(then: PromptThen): void {
    this.state.wait = { on: 'none' };
    if (then.do === 'goto') this.goto(then.target);
    else if (then.do === 'input') this.waitForInput(this.inputTimeout());
    else {
      const node = this.node();
      this.handlerOf(node.kind).finish?.(this, node);
    }
  }

  startTimer(ms: number): string {
    const id = this.nextId('t');
    this.emit({ type: 'start_timer', id, ms });
    return id;
  }

  newLookupId(): string {
    return this.nextId('l');
  }

  waitForInput(ms: number): void {
    this.state.wait = { on: 'input', timerId: this.startTimer(ms) };
  }

  private inputTimeout(): number {
    const node = this.node();
    return 'timeoutMs' in node ? node.timeoutMs : 5000;
  }

  node(): CompiledNode {
    const node = this.script.nodes[this.state.node];
    if (!node)
      throw new IvrError(
        'state_invalid',
        `node ${this.state.node} is not in script ${this.script.id}`,
      );
    return node;
  }

  /** Leaves the current node for `target`; digits already typed go along as type-ahead. */
  goto(target: string, typeahead = ''): void {
    this.hops += 1;
    const node = this.script.nodes[target];
    if (!node || this.hops > MAX_HOPS) {
      throw new IvrError(
        'state_invalid',
        `cannot enter node ${target} of script ${this.script.id}`,
      );
    }
    if (this.state.recordingPaused) {
      this.emit({ type: 'resume_recording' });
      this.state.recordingPaused = false;
    }
    this.state.node = target;
    this.state.attempts = 0;
    this.state.entry = null;
    this.state.wait = { on: 'none' };
    this.emit({ type: 'ivr_step', nodeId: target, kind: node.kind });
    this.handlerOf(node.kind).enter(this, node, typeahead);
  }

  /** Hands the call over (queue, callback, transfer, hang-up): the IVR part ends here. */
  end(command: IvrCommand, reason: string): void {
    if (this.state.recordingPaused) {
      this.emit({ type: 'resume_recording' });
      this.state.recordingPaused = false;
    }
    this.emit(command);
    this.state.wait = { on: 'none' };
    this.state.ended = reason;
  }
}
