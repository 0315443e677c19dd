import type { Callback as CrmCallback, ScreenPop as CrmScreenPop } from '../../crm-core/index.js';
import type {
  CallEvent,
  CallOrigin,
  CallerProfile,
  LiveCallView,
  TelephonyService,
} from '../../telephony/index.js';
import type {
  CallbackStatus,
  CallbackSummary,
  CallOrigin as PopOrigin,
  CustomerTier,
  InteractionChannel,
  IvrStep,
  LiveCall,
  ScreenPop,
} from '../contracts/index.js';
import type { CallControls, ConsolePublisher, SupervisorActions } from '../gateway/index.js';
import type { Logger } from '../logger.js';
import type { CampaignNames } from './campaign-names.js';
import { defaultQueueName, type QueueNames } from './queue-names.js';
import { popExplanation } from './routing-explanation.js';

/** Call-layer events and views turned into what the console shows (server/contracts). */

const iso = (ms: number): string => new Date(ms).toISOString();

const CHANNELS: Record<string, InteractionChannel> = {
  inbound_call: 'call',
  outbound_call: 'call',
  callback: 'callback',
  campaign_call: 'campaign',
  note: 'note',
};

function crmPop(caller: CallerProfile | null): CrmScreenPop | null {
  const pop = caller?.pop as CrmScreenPop | undefined;
  return pop && typeof pop === 'object' && 'customer' in pop ? pop : null;
}

function popOrigin(origin: CallOrigin, campaignName: string | null): PopOrigin {
  if (origin.kind === 'callback') return { kind: 'callback', callbackId: origin.callbackId };
  if (origin.kind === 'outbound') {
    return {
      kind: 'campaign',
      campaignId: origin.campaignId,
      campaignName: campaignName ?? origin.campaignId,
    };
  }
  return { kind: 'inbound' };
}

/** Why the caller called, from the queue the IVR chose; selects the agent's knowledge entries. */
function categoryOf(queueId: string | null): string | null {
  if (queueId === 'billing') return 'billing';
  if (queueId === 'complaints') return 'complaints';
  return null;
}

/** A CRM callback as the pop lists it (the stored pop has its times as JSON strings). */
export function callbackSummary(b: CrmCallback): CallbackSummary {
  return {
    id: String(b.id),
    phone: b.phone,
    windowStart: new Date(b.earliest).toISOString(),
    windowEnd: new Date(b.latest).toISOString(),
    note: b.notes || null,
    // The contract names the CRM's states; a new CRM state fails to compile here.
    status: b.status satisfies CallbackStatus,
  };
}

export interface PopFacts {
  callId: string;
  callerNumber: string | null;
  caller: CallerProfile | null;
  queueId: string | null;
  ivrPath: { node: string; kind: string; input: string | null }[];
  waitSeconds: number;
  routingReason: string;
  /** The ACD's why as data, opaque in the call layer (absent from older records). */
  routingExplanation: unknown;
  origin: CallOrigin;
  /** The campaign's name for a campaign call (null: unknown, the id is shown). */
  campaignName: string | null;
  offeredAt: number;
}

/** The screen pop from what the call carries (the CRM's record travels with the call). */
export function screenPop(f: PopFacts, names: QueueNames): ScreenPop {
  const queueNames = f.queueId === null ? {} : names(f.queueId);
  const pop = crmPop(f.caller);
  const c = pop?.customer;
  const account = pop?.accounts[0];
  const ivrPath: IvrStep[] = f.ivrPath.map((s) => ({
    node: s.node,
    kind: s.kind,
    input: s.input,
  }));
  return {
    callId: f.callId,
    callerNumber: f.callerNumber ?? 'unknown',
    queueId: f.queueId,
    queueName: f.queueId === null ? null : defaultQueueName(queueNames, f.queueId),
    queueNames,
    category: categoryOf(f.queueId),
    customer: c
      ? {
          id: String(c.id),
          name: c.name,
          // The contract uses the CRM's tier names; a new CRM tier fails to compile here.
          tier: c.tier satisfies CustomerTier,
          vip: c.vip,
          language: c.language,
        }
      : null,
    account: account
      ? {
          accountNumber: account.accountNumber,
          status: 'active',
          balance: { amount: account.balance, currency: account.currency },
          plan: null,
        }
      : null,
    lastInteractions: (pop?.lastInteractions ?? []).map((i) => ({
      id: String(i.id),
      at: new Date(i.arrivedAt).toISOString(),
      channel: CHANNELS[i.kind] ?? 'call',
      direction: i.direction === 'internal' ? null : i.direction,
      kind: i.kind,
      queueId: i.queue,
      queueNames: i.queue ? names(i.queue) : {},
      notes: i.notes,
      agentId: i.agentId === null ? null : String(i.agentId),
      disposition: i.disposition,
      agentName: null,
    })),
    openComplaints: (pop?.openComplaints ?? []).map((x) => ({
      id: String(x.id),
      ticket: x.ticketNumber,
      // The CRM's own code: the console names it from GET /complaints/categories.
      category: x.category,
      severity: x.severity,
      status: x.status,
      summary: x.subject,
      slaDueAt: new Date(x.dueAt).toISOString(),
    })),
    pendingCallbacks: (pop?.pendingCallbacks ?? []).map(callbackSummary),
    ivrPath,
    waitSeconds: f.waitSeconds,
    routingReason: f.routingReason,
    routingExplanation: popExplanation(f.routingExplanation),
    origin: popOrigin(f.origin, f.campaignName),
    offeredAt: iso(f.offeredAt),
  };
}

/** What the pop names beside the call's facts: its queue and its campaign. */
export interface PopLabels {
  queueNames: QueueNames;
  campaignNames: CampaignNames;
  logger: Logger;
}

/** The campaign's name for a campaign call; a CRM failure leaves the id shown (logged). */
async function campaignNameOf(origin: CallOrigin, labels: PopLabels): Promise<string | null> {
  if (origin.kind !== 'outbound') return null;
  try {
    return await labels.campaignNames(origin.campaignId);
  } catch (err) {
    labels.logger.warn({ err, campaignId: origin.campaignId }, 'campaign name lookup failed');
    return null;
  }
}

/**
 * Forwards call events to the consoles of the agents concerned. A campaign call's offer waits for
 * its campaign's name; the call's later events wait for that offer, so that they keep their order.
 */
export function consoleEventSink(
  publisher: ConsolePublisher,
  labels: PopLabels,
): (event: CallEvent) => void {
  const waiting = new Map<string, Promise<void>>();
  return (e) => {
    const before = waiting.get(e.callId);
    const named = e.type === 'offered' && e.origin.kind === 'outbound';
    if (!before && !named) {
      publishCallEvent(publisher, labels.queueNames, e, null);
      return;
    }
    const next = (before ?? Promise.resolve())
      .then(async () => {
        const campaign = e.type === 'offered' ? await campaignNameOf(e.origin, labels) : null;
        publishCallEvent(publisher, labels.queueNames, e, campaign);
      })
      .finally(() => {
        if (waiting.get(e.callId) === next) waiting.delete(e.callId);
      });
    waiting.set(e.callId, next);
  };
}

function publishCallEvent(
  publisher: ConsolePublisher,
  names: QueueNames,
  e: CallEvent,
  campaignName: string | null,
): void {
  switch (e.type) {
    case 'offered':
      publisher.offered(
        e.agentId,
        screenPop(
          {
            callId: e.callId,
            callerNumber: e.callerNumber,
            caller: e.caller,
            queueId: e.queueId,
            ivrPath: e.ivrPath,
            waitSeconds: e.waitSeconds,
            routingReason: e.reason,
            routingExplanation: e.explanation,
            origin: e.origin,
            campaignName,
            offeredAt: e.at,
          },
          names,
        ),
      );
      return;
    case 'offer_failed':
      publisher.ended({
        callId: e.callId,
        agentId: e.agentId,
        endedAt: iso(e.at),
        endedBy: 'system',
        missed: true,
        wrapUpSeconds: 0,
      });
      return;
    case 'connected':
      publisher.connected({
        callId: e.callId,
        agentId: e.agentId,
        connectedAt: iso(e.at),
        recording: e.recording,
      });
      return;
    case 'recording':
      if (e.agentId) {
        publisher.recording({
          callId: e.callId,
          agentId: e.agentId,
          state: e.state,
          at: iso(e.at),
        });
      }
      return;
    case 'ended':
      if (e.agentId) {
        publisher.ended({
          callId: e.callId,
          agentId: e.agentId,
          endedAt: iso(e.at),
          endedBy:
            e.endedBy === 'caller' || e.endedBy === 'agent' || e.endedBy === 'transfer'
              ? e.endedBy
              : 'system',
          missed: e.missed,
          wrapUpSeconds: e.wrapUpSeconds,
        });
      }
      return;
    default:
      return;
  }
}

/** `ConsoleStateSource.liveCall`: the agent's call after a reconnect, pop included. */
export async function liveCallOf(v: LiveCallView, labels: PopLabels): Promise<LiveCall> {
  const campaignName = await campaignNameOf(v.origin, labels);
  return {
    pop: screenPop(
      {
        callId: v.callId,
        callerNumber: v.callerNumber,
        caller: v.caller,
        queueId: v.queueId,
        ivrPath: v.ivrPath,
        waitSeconds: v.waitSeconds,
        routingReason: v.routingReason ?? '',
        routingExplanation: v.routingExplanation,
        origin: v.origin,
        campaignName,
        offeredAt: v.offeredAt ?? Date.now(),
      },
      labels.queueNames,
    ),
    phase: v.phase,
    connectedAt: v.connectedAt === null ? null : iso(v.connectedAt),
    endedAt: v.endedAt === null ? null : iso(v.endedAt),
    wrapUpSeconds: v.wrapUpSeconds,
    recording: v.recording,
  };
}

export function callControls(t: TelephonyService): CallControls {
  return {
    hangup: (agentId, callId) => t.hangup(agentId, callId),
    transfer: (agentId, callId, target) => t.transfer(agentId, callId, target),
    setRecording: (agentId, callId, action) => t.setRecording(agentId, callId, action),
  };
}

export function supervisorActions(t: TelephonyService): SupervisorActions {
  return {
    monitor: (supervisorId, callId, mode) => t.monitor(supervisorId, callId, mode),
  };
}

export async function liveCallFor(
  t: Pick<TelephonyService, 'liveCall'>,
  agentId: string,
  labels: PopLabels,
): Promise<LiveCall | null> {
  const view = await t.liveCall(agentId);
  return view ? liveCallOf(view, labels) : null;
}
