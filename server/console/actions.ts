/**
 * The console's commands, shared by the Socket.IO events and the REST routes: each validates
 * its input, checks the caller's role, calls a port and tells other consoles what changed.
 */
import type { z } from 'zod';
import type {
  Ack,
  AgentStateView,
  ComplaintSlaResponse,
  ConsoleSnapshot,
  DirectoryResponse,
  RecordingListResponse,
  RecordingState,
  Role,
  SessionUser,
  WrapUpResult,
} from '../contracts/index.js';
import { ConsoleError, refusalOf } from '../gateway/errors.js';
import type { ConsolePorts } from '../gateway/ports.js';
import type { ConsolePublisher } from '../gateway/publisher.js';
import { buildSnapshot } from '../gateway/snapshot.js';
import type { Logger } from '../logger.js';
import {
  callRefSchema,
  complaintKindSchema,
  describeIssues,
  emptySchema,
  monitorSchema,
  recordingSchema,
  recordingSearchSchema,
  settableStateSchema,
  supervisorAgentSchema,
  transferSchema,
  wrapUpSchema,
} from './schemas.js';

export interface ActionContext {
  user: SessionUser;
  ports: ConsolePorts;
  publisher: ConsolePublisher;
  logger: Logger;
  now: () => Date;
}

export interface ConsoleAction<I, O extends object> {
  readonly name: string;
  /** Roles allowed to run it; null means any logged-in user. */
  readonly roles: readonly Role[] | null;
  readonly schema: z.ZodType<I>;
  run(ctx: ActionContext, input: I): Promise<O>;
}

const SUPERVISORS: readonly Role[] = ['supervisor', 'admin'];

function action<I, O extends object>(a: ConsoleAction<I, O>): ConsoleAction<I, O> {
  return a;
}

/** The agent may control only the call the ACD says it is on. */
async function requireOwnCall(ctx: ActionContext, callId: string): Promise<void> {
  const live = await ctx.ports.state.liveCall(ctx.user.userId);
  if (live?.pop.callId !== callId) {
    throw new ConsoleError('not_your_call', `call ${callId} is not a call you are on`);
  }
}

export const setState = action({
  name: 'agent:setState',
  roles: null,
  schema: settableStateSchema,
  async run(ctx, input): Promise<{ agent: AgentStateView }> {
    const agent = await ctx.ports.agents.setState(ctx.user.userId, input);
    ctx.publisher.agentState(agent);
    return { agent };
  },
});

export const hangup = action({
  name: 'call:hangup',
  roles: null,
  schema: callRefSchema,
  async run(ctx, input): Promise<object> {
    await requireOwnCall(ctx, input.callId);
    await ctx.ports.calls.hangup(ctx.user.userId, input.callId);
    return {};
  },
});

export const transfer = action({
  name: 'call:transfer',
  roles: null,
  schema: transferSchema,
  async run(ctx, input): Promise<object> {
    if (input.target.kind === 'agent' && input.target.agentId === ctx.user.userId) {
      throw new ConsoleError('invalid_input', 'target.agentId: cannot transfer a call to yourself');
    }
    await requireOwnCall(ctx, input.callId);
    await ctx.ports.calls.transfer(ctx.user.userId, input.callId, input.target);
    return {};
  },
});

export const setRecording = action({
  name: 'call:setRecording',
  roles: null,
  schema: recordingSchema,
  async run(ctx, input): Promise<{ recording: RecordingState }> {
    await requireOwnCall(ctx, input.callId);
    const recording = await ctx.ports.calls.setRecording(
      ctx.user.userId,
      input.callId,
      input.action,
    );
    // The agent's other tabs show the indicator too.
    ctx.publisher.recording({
      callId: input.callId,
      agentId: ctx.user.userId,
      state: recording,
      at: ctx.now().toISOString(),
    });
    return { recording };
  },
});

export const supervisorAgent = action({
  name: 'supervisor:agent',
  roles: SUPERVISORS,
  schema: supervisorAgentSchema,
  async run(ctx, input): Promise<{ agent: AgentStateView }> {
    const agent =
      input.action === 'force_pause'
        ? await ctx.ports.agents.forcePause(input.agentId, input.reason, ctx.user.userId)
        : await ctx.ports.agents.forceLogout(input.agentId, ctx.user.userId);
    ctx.publisher.agentState(agent);
    const at = ctx.now();
    ctx.publisher.notify(
      { agentId: input.agentId },
      {
        id: `forced-${input.agentId}-${at.getTime()}`,
        kind: 'forced_state',
        severity: 'warning',
        at: at.toISOString(),
        // A busy agent is told what will happen once the call is over.
        params: agent.afterCall
          ? { by: ctx.user.displayName, state: agent.afterCall.state, afterCall: 'yes' }
          : { by: ctx.user.displayName, state: agent.state },
      },
    );
    return { agent };
  },
});

export const monitor = action({
  name: 'supervisor:monitor',
  roles: SUPERVISORS,
  schema: monitorSchema,
  async run(ctx, input): Promise<{ monitorId: string }> {
    return ctx.ports.supervisor.monitor(ctx.user.userId, input.callId, input.mode);
  },
});

export const snapshot = action({
  name: 'console:resync',
  roles: null,
  schema: emptySchema,
  async run(ctx): Promise<{ snapshot: ConsoleSnapshot }> {
    return { snapshot: await buildSnapshot(ctx.ports.state, ctx.user, ctx.now()) };
  },
});

/** A callback window may start a little in the past: the agent took time to type it. */
const CALLBACK_GRACE_MS = 5 * 60_000;

export const wrapUp = action({
  name: 'wrapup:submit',
  roles: null,
  schema: wrapUpSchema,
  async run(ctx, input): Promise<WrapUpResult> {
    if (
      input.callback &&
      Date.parse(input.callback.windowEnd) < ctx.now().getTime() - CALLBACK_GRACE_MS
    ) {
      throw new ConsoleError('invalid_input', 'callback.windowEnd: the window is already over');
    }
    const saved = await ctx.ports.wrapUps.submit(ctx.user.userId, input);
    let agent: AgentStateView | null = null;
    if (input.next) {
      // The wrap-up is saved whatever happens next; a refused state change is reported, not fatal.
      try {
        agent = await ctx.ports.agents.setState(ctx.user.userId, input.next);
        ctx.publisher.agentState(agent);
      } catch (err) {
        ctx.logger.warn(
          { err: refusalOf(err) ?? err, agentId: ctx.user.userId },
          'state change after wrap-up refused',
        );
      }
    }
    return { ...saved, agent };
  },
});

export const complaintSla = action({
  name: 'complaint:sla',
  roles: null,
  schema: complaintKindSchema,
  async run(ctx, input): Promise<ComplaintSlaResponse> {
    const due = await ctx.ports.wrapUps.complaintSlaDueAt(
      input.category,
      input.severity,
      input.callId ?? null,
    );
    return { slaDueAt: due.toISOString() };
  },
});

export const directory = action({
  name: 'console:directory',
  roles: null,
  schema: emptySchema,
  async run(ctx): Promise<DirectoryResponse> {
    return ctx.ports.state.directory();
  },
});

const RECORDINGS_LIMIT = 200;

export const recordings = action({
  name: 'recordings:search',
  roles: SUPERVISORS,
  schema: recordingSearchSchema,
  async run(ctx, input): Promise<RecordingListResponse> {
    const items = await ctx.ports.recordings.search({
      from: new Date(input.from),
      to: new Date(input.to),
      q: input.q || null,
      limit: RECORDINGS_LIMIT,
    });
    return { items };
  },
});

/** Runs an action on untrusted input and never throws: the result is the ack to send. */
export async function runAction<I, O extends object>(
  a: ConsoleAction<I, O>,
  ctx: ActionContext,
  raw: unknown,
): Promise<Ack<O>> {
  if (a.roles && !a.roles.includes(ctx.user.role)) {
    return { ok: false, error: 'forbidden', message: `${a.name} needs a supervisor` };
  }
  const parsed = a.schema.safeParse(raw ?? {});
  if (!parsed.success) {
    return { ok: false, error: 'invalid_input', message: describeIssues(parsed.error) };
  }
  try {
    const out = await a.run(ctx, parsed.data);
    return { ok: true, ...out };
  } catch (err) {
    const refusal = refusalOf(err);
    if (refusal && refusal.code !== 'internal') {
      return { ok: false, error: refusal.code, message: refusal.message };
    }
    ctx.logger.error({ err, action: a.name, userId: ctx.user.userId }, 'console action failed');
    return { ok: false, error: 'internal', message: 'internal error' };
  }
}
