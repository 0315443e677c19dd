import { later, type Ctx } from '../context.js';
import { CAUSE } from '../causes.js';
import { findExtension, splitArgs, type Extension } from '../dialplan/parse.js';
import { channelEvent, setVariable } from '../events.js';
import type { DialplanRun, SimChannel } from '../state.js';
import { answerChannel } from './answer.js';
import { behaviourFor } from './behaviour.js';
import { partnerOf } from './channels.js';
import { dialApp } from './dial-app.js';
import { logMedia } from './media-log.js';
import { enterStasis, leaveStasis } from './stasis.js';

/** Simulated time AMD() listens before deciding. */
const AMD_MS = 2000;

/**
 * Runs a channel's dialplan from its current priority, one application at a time, reporting
 * ChannelDialplan to subscribed apps. Applications it knows: Answer, NoOp, Verbose, Log, Set,
 * Wait, Ringing, Progress, Playback, Background, Stasis, Queue, VoiceMail, Dial, AMD, Goto,
 * GotoIf, Busy, Congestion, Hangup. Like Asterisk, running off the end of the extension (or an
 * unknown application) hangs the channel up.
 */
export function runStep(ctx: Ctx, ch: SimChannel): void {
  const run = ch.run;
  if (!run || ch.hangingUp || !ctx.state.channels.has(ch.id)) return;
  run.pending = undefined;
  const ext = findExtension(ctx.dialplan, run.context, run.exten);
  const step = ext?.steps.find((s) => s.priority === run.priority);
  if (!step) {
    ctx.hooks.hangup(ch, { initiator: 'dialplan', cause: endCause(ch) });
    return;
  }
  const data = substitute(ch, step.data);
  ch.dialplan = {
    context: run.context,
    exten: run.exten,
    priority: run.priority,
    app_name: step.app,
    app_data: data,
  };
  channelEvent(ctx, ch, 'ChannelDialplan', { dialplan_app: step.app, dialplan_app_data: data });
  const next = (ms = 0) => {
    run.pending = later(ctx, ms, () => {
      run.priority++;
      runStep(ctx, ch);
    });
  };
  const args = splitArgs(data);
  switch (step.app.toLowerCase()) {
    case 'answer':
      answerChannel(ctx, ch);
      return waitForVoice(ctx, ch, run, next);
    case 'noop':
    case 'verbose':
    case 'log':
    case 'progress':
      return next();
    case 'ringing':
      logMedia(ch, 'indication:ringing', 'dialplan', ctx.clock.now());
      return next();
    case 'set': {
      const eq = data.indexOf('=');
      if (eq > 0) setVariable(ctx, ch, data.slice(0, eq).trim(), data.slice(eq + 1));
      return next();
    }
    case 'wait':
      return next(Math.max(0, Number(args[0]) || 0) * 1000);
    case 'playback':
    case 'background':
      return playFiles(ctx, ch, run, (args[0] ?? '').split('&').filter(Boolean), 0, next);
    case 'stasis': {
      const [app = '', ...appArgs] = args;
      if (enterStasis(ctx, ch, app, appArgs)) run.inStasis = true;
      else next();
      return;
    }
    case 'queue': {
      // Nobody answers a queue in the simulator; with a timeout (5th argument) the dialplan goes on.
      const entry = logMedia(ch, `queue:${args[0] ?? ''}`, 'dialplan', ctx.clock.now());
      const timeout = Number(args[4]);
      if (timeout > 0) {
        run.pending = later(ctx, timeout * 1000, () => {
          entry.outcome = 'done';
          setVariable(ctx, ch, 'QUEUESTATUS', 'TIMEOUT');
          run.priority++;
          runStep(ctx, ch);
        });
      }
      return;
    }
    case 'voicemail':
      logMedia(ch, `voicemail:${args[0] ?? ''}`, 'dialplan', ctx.clock.now());
      return;
    case 'dial':
      if (!dialApp(ctx, ch, data)) next();
      return;
    case 'amd':
      return amd(ctx, ch, next);
    case 'goto':
      return jump(ctx, ch, run, data);
    case 'gotoif': {
      const q = data.indexOf('?');
      const [ifTrue = '', ifFalse = ''] = splitArgs(data.slice(q + 1).replace(':', ','));
      const branch = q < 0 ? '' : evaluate(data.slice(0, q)) ? ifTrue : ifFalse;
      if (branch) return jump(ctx, ch, run, branch);
      return next();
    }
    case 'busy':
      return ctx.hooks.hangup(ch, { initiator: 'dialplan', cause: CAUSE.busy });
    case 'congestion':
      return ctx.hooks.hangup(ch, { initiator: 'dialplan', cause: CAUSE.congestion });
    case 'hangup':
      return ctx.hooks.hangup(ch, {
        initiator: 'dialplan',
        cause: Number(args[0]) || CAUSE.normal,
      });
    default:
      ctx.onError(
        new Error(
          `dialplan ${run.context},${run.exten},${run.priority}: unknown application ${step.app}`,
        ),
      );
      return ctx.hooks.hangup(ch, { initiator: 'dialplan', cause: CAUSE.normal });
  }
}

/** Longest time Answer() waits for the first voice frame before going on (Asterisk's default). */
const VOICE_WAIT_MS = 500;

/**
 * Answer() returns once media flows. On the `;2` half of a Local pair whose `;1` waits in an
 * app, that is when `;1` is bridged to a talking party (the trace shows the agent leg's
 * Wait() starting only after the bridge connected), or after 500 ms.
 */
function waitForVoice(ctx: Ctx, ch: SimChannel, run: DialplanRun, next: () => void): void {
  const one = ch.kind === 'local2' ? partnerOf(ctx, ch) : undefined;
  if (!one || !one.stasis) return next();
  const go = () => {
    ch.onVoice = undefined;
    run.pending?.cancel();
    run.priority++;
    runStep(ctx, ch);
  };
  ch.onVoice = go;
  run.pending = later(ctx, VOICE_WAIT_MS, go);
}

function playFiles(
  ctx: Ctx,
  ch: SimChannel,
  run: DialplanRun,
  files: string[],
  i: number,
  next: () => void,
): void {
  const file = files[i];
  if (file === undefined) {
    setVariable(ctx, ch, 'PLAYBACKSTATUS', 'SUCCESS');
    return next();
  }
  const entry = logMedia(ch, `sound:${file}`, 'dialplan', ctx.clock.now());
  const ms = ctx.sounds.durationOf(`sound:${file}`, ch.language);
  if (ms === undefined || !Number.isFinite(ms)) {
    entry.outcome = 'failed';
    setVariable(ctx, ch, 'PLAYBACKSTATUS', 'FAILED');
    return next();
  }
  run.pending = later(ctx, ms, () => {
    entry.outcome = 'done';
    playFiles(ctx, ch, run, files, i + 1, next);
  });
}

/** AMD(): the answering party is what the endpoint's script says (HUMAN unless told otherwise). */
function amd(ctx: Ctx, ch: SimChannel, next: (ms?: number) => void): void {
  const endpoint =
    ch.kind === 'local2' ? (partnerOf(ctx, ch)?.endpoint ?? ch.endpoint) : ch.endpoint;
  const verdict = behaviourFor(ctx, endpoint).amd;
  const cause: Record<string, string> = {
    HUMAN: 'HUMAN-300-300',
    MACHINE: 'LONGGREETING-1500-1500',
    NOTSURE: 'TOOLONG-5000',
    HANGUP: 'HANGUP',
  };
  ch.run!.pending = later(ctx, AMD_MS, () => {
    if (verdict === 'HANGUP') {
      ctx.hooks.hangup(ch, { initiator: 'remote', cause: CAUSE.normal });
      return;
    }
    setVariable(ctx, ch, 'AMDSTATUS', verdict);
    setVariable(ctx, ch, 'AMDCAUSE', cause[verdict] ?? verdict);
    next();
  });
}

/** Goto([[context,]exten,]priority|label). */
function jump(ctx: Ctx, ch: SimChannel, run: DialplanRun, target: string): void {
  const parts = splitArgs(target);
  const where = parts.pop() ?? '';
  if (parts.length === 2) run.context = parts[0]!;
  if (parts.length >= 1) run.exten = parts[parts.length - 1]!;
  const ext: Extension | undefined = findExtension(ctx.dialplan, run.context, run.exten);
  const byLabel = ext?.steps.find((s) => s.label === where);
  run.priority = byLabel ? byLabel.priority : Number(where) || 1;
  run.pending = later(ctx, 0, () => runStep(ctx, ch));
}

/** The few expressions GotoIf needs: `$["a" = "b"]`, `$[a != b]`, or a bare 0/1. */
function evaluate(expr: string): boolean {
  const inner = /^\s*\$\[(.*)\]\s*$/.exec(expr)?.[1] ?? expr;
  const m = /^(.*?)\s*(!=|=)\s*(.*)$/.exec(inner);
  const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, '$1');
  if (!m) return !['', '0'].includes(unquote(inner));
  const equal = unquote(m[1]!) === unquote(m[3]!);
  return m[2] === '=' ? equal : !equal;
}

function substitute(ch: SimChannel, text: string): string {
  return text.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    switch (name) {
      case 'EXTEN':
        return ch.run?.exten ?? ch.dialplan.exten;
      case 'CONTEXT':
        return ch.run?.context ?? ch.dialplan.context;
      case 'CALLERID(num)':
        return ch.caller.number;
      case 'CALLERID(name)':
        return ch.caller.name;
      case 'CHANNEL':
        return ch.name;
      case 'UNIQUEID':
        return ch.id;
      default:
        return ch.variables.get(name) ?? '';
    }
  });
}

function endCause(ch: SimChannel): number {
  switch (ch.variables.get('DIALSTATUS')) {
    case 'BUSY':
      return CAUSE.busy;
    case 'NOANSWER':
      return CAUSE.noAnswer;
    case 'CHANUNAVAIL':
      return CAUSE.subscriberAbsent;
    case 'CONGESTION':
      return CAUSE.congestion;
    default:
      return CAUSE.normal;
  }
}

/** POST /channels/{id}/continue: StasisEnd, then the dialplan resumes (after Stasis() by default). */
export function continueInDialplan(
  ctx: Ctx,
  ch: SimChannel,
  to: { context?: string; extension?: string; priority?: number; label?: string },
): void {
  leaveStasis(ctx, ch);
  const run: DialplanRun = ch.run ?? {
    context: ch.dialplan.context,
    exten: ch.dialplan.exten,
    priority: ch.dialplan.priority,
    inStasis: false,
  };
  ch.run = run;
  run.inStasis = false;
  if (to.context || to.extension || to.priority !== undefined || to.label) {
    if (to.context) run.context = to.context;
    if (to.extension) run.exten = to.extension;
    const ext = findExtension(ctx.dialplan, run.context, run.exten);
    const byLabel = to.label ? ext?.steps.find((s) => s.label === to.label) : undefined;
    run.priority = byLabel?.priority ?? to.priority ?? 1;
  } else run.priority++;
  run.pending = later(ctx, 0, () => runStep(ctx, ch));
}
