import type { IvrCommand, IvrEvent, IvrResult } from '../../../ivr-scripts/index.js';
import type { CallContext } from '../context.js';
import type { Draft } from '../draft.js';
import type { SelfService } from '../ports.js';

/** IVR timers live beside the call's own timers under this prefix. */
export const IVR_TIMER = 'ivr:';

/**
 * Commands whose ARI requests may go out while the change is being stored (Draft.eager): a
 * restarted node that finds the record from before the change replays its last prompt, and
 * one that finds the record after it has the new prompt; either way the caller is prompted.
 * Anything that leaves the IVR, or reaches another module, waits for the commit.
 */
const PROMPT_ONLY = new Set<IvrCommand['type']>([
  'play',
  'stop_playback',
  'start_timer',
  'cancel_timer',
  'ivr_step',
  'set_var',
]);

/**
 * Carries out the interpreter's commands inside the change that produced them: the new
 * interpreter state, its timers and the IVR path are stored with the call, and the ARI
 * requests run once that is committed — or, when the commands are only prompts and `eager`
 * is asked for, alongside the commit (the first prompt, the answer to a key).
 */
export function applyIvr(
  ctx: CallContext,
  d: Draft,
  result: IvrResult,
  opts: { eager?: boolean } = {},
): void {
  const ivr = d.rec.ivr;
  if (!ivr) return;
  ivr.state = result.state;
  d.rec.language = result.state.language;
  for (const cmd of result.commands) runCommand(ctx, d, cmd);
  if (opts.eager && result.commands.every((c) => PROMPT_ONLY.has(c.type))) d.eager = true;
}

function runCommand(ctx: CallContext, d: Draft, cmd: IvrCommand): void {
  const rec = d.rec;
  const ivr = rec.ivr!;
  const now = ctx.clock.now();
  switch (cmd.type) {
    case 'play': {
      ivr.lastPlay = cmd;
      ivr.aliases = {};
      const channelId = rec.channelId;
      d.effect(() =>
        ctx.ari.play({ channelId }, cmd.media, { playbackId: cmd.id, lang: cmd.lang }),
      );
      return;
    }
    case 'stop_playback': {
      // A prompt replayed after a restart plays under another id: stop that one too.
      const ids = [cmd.id, ...Object.keys(ivr.aliases).filter((a) => ivr.aliases[a] === cmd.id)];
      // The next prompt need not wait for the stop: ARI queues a channel's playbacks, so the
      // new one starts when the stopped one ends, whichever request the PBX reads first.
      d.effect(
        async () => {
          await Promise.all(ids.map((id) => ctx.ari.stopPlayback(id)));
        },
        { overlap: true },
      );
      return;
    }
    case 'start_timer':
      d.setTimer(IVR_TIMER + cmd.id, now + cmd.ms);
      return;
    case 'cancel_timer':
      d.cancelTimer(IVR_TIMER + cmd.id);
      return;
    case 'lookup': {
      const callId = rec.id;
      ivr.lastLookup = cmd;
      d.effect(async () => {
        startLookup(ctx, callId, cmd);
        return Promise.resolve();
      });
      return;
    }
    case 'set_var':
      // The interpreter keeps its variables in its own state.
      return;
    case 'pause_recording':
      ctx.flow.setRecording(d, 'pause', 'ivr');
      return;
    case 'resume_recording':
      ctx.flow.setRecording(d, 'resume', 'ivr');
      return;
    case 'route_to_queue':
      rec.ivr = null;
      ctx.flow.routeToQueue(d, {
        queueId: cmd.queueId,
        skills: cmd.skills,
        priority: cmd.priority,
        language: cmd.language,
      });
      return;
    case 'request_callback': {
      const request = {
        number: cmd.number,
        queueId: cmd.queueId,
        language: cmd.language,
        callId: rec.id,
        customerId: rec.caller?.customerId ?? null,
        origin: 'ivr' as const,
        enqueuedAt: null,
        priority: null,
      };
      d.effect(async () => {
        try {
          await ctx.callbacks.create(request);
        } catch (err) {
          ctx.logger.error({ err, callId: request.callId }, 'callback request not recorded');
        }
      });
      return;
    }
    case 'transfer': {
      rec.ivr = null;
      const channelId = rec.channelId;
      const target = cmd.target;
      ctx.flow.finish(d, 'transfer', 'ivr_transfer');
      d.effect(async () => {
        if (target.kind === 'extension') {
          await ctx.ari.continueInDialplan(channelId, {
            context: target.context,
            extension: target.extension,
            priority: 1,
          });
          return;
        }
        // The dialplan's transfer context dials whatever this variable names.
        await ctx.ari.setVariable(channelId, 'CC_TRANSFER_TARGET', target.endpoint);
        await ctx.ari.continueInDialplan(channelId, {
          context: ctx.config.transferContext,
          extension: 's',
          priority: 1,
        });
      });
      return;
    }
    case 'hangup': {
      rec.ivr = null;
      const channelId = rec.channelId;
      ctx.flow.finish(d, cmd.reason === 'callback_requested' ? 'callback' : 'system', cmd.reason);
      d.effect(() => ctx.ari.hangup(channelId, 'normal'));
      return;
    }
    case 'ivr_step': {
      const input = cmd.redacted ? null : (cmd.input ?? null);
      rec.ivrPath.push({ node: cmd.nodeId, kind: cmd.kind, input, at: now });
      d.emit({
        type: 'ivr_step',
        callId: rec.id,
        at: now,
        nodeId: cmd.nodeId,
        kind: cmd.kind,
        input,
      });
      return;
    }
  }
}

function lookupCall(
  self: SelfService,
  callId: string,
  cmd: Extract<IvrCommand, { type: 'lookup' }>,
): Promise<unknown> {
  switch (cmd.kind) {
    case 'balance_by_phone':
      return self.balanceByPhone(cmd.args.phone);
    case 'balance_by_account':
      return self.balanceByAccount(cmd.args.accountNumber);
    case 'complaint_by_ticket':
      return self.complaintByTicket(cmd.args.ticket);
    case 'callback_by_phone':
      return self.callbackByPhone(cmd.args.phone);
    case 'cancel_callback':
      return self.cancelCallback({ ...cmd.args, callId });
    default:
      return Promise.reject(new Error('unknown lookup kind'));
  }
}

/** Runs a self-service request (a lookup, a callback's cancel) off the call's line and feeds its answer back as an IVR event. */
export function startLookup(
  ctx: CallContext,
  callId: string,
  cmd: Extract<IvrCommand, { type: 'lookup' }>,
): void {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, rej) => {
    timer = setTimeout(
      () => rej(new Error(`lookup ${cmd.kind} took over ${ctx.config.selfServiceTimeoutMs} ms`)),
      ctx.config.selfServiceTimeoutMs,
    );
  });
  void Promise.race([lookupCall(ctx.selfService, callId, cmd), timeout])
    .then(
      (data): IvrEvent => ({ type: 'lookup_result', requestId: cmd.id, data }),
      (err: unknown): IvrEvent => {
        ctx.logger.warn({ err, callId, lookup: cmd.kind }, 'self-service lookup failed');
        return {
          type: 'lookup_result',
          requestId: cmd.id,
          error: err instanceof Error ? err.message : 'lookup failed',
        };
      },
    )
    .then((event) => {
      clearTimeout(timer);
      void ctx.run(callId, () => ivrEvent(ctx, callId, event));
    }, undefined);
}

/** Feeds one event to the call's interpreter, if the call is still in the IVR. */
export async function ivrEvent(
  ctx: CallContext,
  callId: string,
  event: IvrEvent,
  firedTimer?: string,
): Promise<void> {
  await ctx.calls.update(callId, (d) => {
    const ivr = d.rec.ivr;
    if (d.rec.state !== 'ivr' || !ivr) return false;
    if (firedTimer) delete d.rec.timers[firedTimer];
    const interpreter = ctx.interpreter(ivr.scriptId);
    const result = interpreter.step(ivr.state, { ...event, now: ctx.clock.now() });
    if (result.state === ivr.state && !firedTimer) return false;
    applyIvr(ctx, d, result, { eager: true });
  });
}

/** A playback on the caller's channel finished: the interpreter may be waiting for it. */
export function ivrPlaybackId(d: Draft, playbackId: string): string | null {
  const ivr = d.rec.ivr;
  if (!ivr) return null;
  return ivr.aliases[playbackId] ?? playbackId;
}
