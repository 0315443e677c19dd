import type {
  ComplaintCategory,
  ComplaintSeverity,
  ComplaintSlaResponse,
  ComplaintStatus,
  Disposition,
  PauseReason,
  WrapUpResult,
  WrapUpSubmission,
} from './contracts.js';
import { ApiFailure, type ApiClient } from './api.js';
import { fromLocalInput } from './format.js';
import type { MessageKey } from './messages.js';
import type { KeyValueStorage } from './storage.js';

export type DraftStorage = KeyValueStorage;

export const DISPOSITIONS: readonly Disposition[] = [
  'resolved',
  'follow_up',
  'escalated',
  'information',
  'sale',
  'wrong_number',
  'no_action',
];
/** What an agent may say of a campaign call (the dialer's `POST /campaigns/calls/:id/outcome`). */
export const CAMPAIGN_OUTCOMES = ['wrong_number', 'dnc_request'] as const;
export type CampaignOutcome = (typeof CAMPAIGN_OUTCOMES)[number];

export const SEVERITIES: readonly ComplaintSeverity[] = ['low', 'medium', 'high', 'critical'];
export const COMPLAINT_STATUSES: readonly ComplaintStatus[] = [
  'open',
  'in_progress',
  'resolved',
  'closed',
];

/** Everything the agent typed, as kept in localStorage under `cc.wrapup.<callId>`. */
export interface WrapUpDraft {
  callId: string;
  callerNumber: string;
  disposition: Disposition | '';
  notes: string;
  complaintMode: 'none' | 'create' | 'update';
  /** A CRM category code, '' until chosen. */
  category: ComplaintCategory;
  severity: ComplaintSeverity | '';
  summary: string;
  complaintId: string;
  complaintStatus: ComplaintStatus;
  complaintNote: string;
  callbackEnabled: boolean;
  /** `datetime-local` values. */
  windowStart: string;
  windowEnd: string;
  callbackPhone: string;
  next: 'available' | 'paused' | 'none';
  pauseReason: PauseReason;
  /** A campaign call: the form offers the campaign outcomes. */
  campaignCall: boolean;
  campaignOutcome: CampaignOutcome | '';
  savedAt: number;
}

const PREFIX = 'cc.wrapup.';

function emptyDraft(callId: string, callerNumber: string, campaignCall = false): WrapUpDraft {
  return {
    callId,
    callerNumber,
    disposition: '',
    notes: '',
    complaintMode: 'none',
    category: '',
    severity: '',
    summary: '',
    complaintId: '',
    complaintStatus: 'in_progress',
    complaintNote: '',
    callbackEnabled: false,
    windowStart: '',
    windowEnd: '',
    callbackPhone: '',
    next: 'available',
    pauseReason: 'other',
    campaignCall,
    campaignOutcome: '',
    savedAt: 0,
  };
}

/**
 * The wrap-up form of one call. The draft survives a dropped socket and a reload: it is
 * written to storage on every change and removed only once the server confirmed the submit.
 */
export class WrapUpForm {
  draft = $state<WrapUpDraft>() as WrapUpDraft;
  submitting = $state(false);
  /** The server's or the network's reason the last submit failed. */
  submitError = $state<string | null>(null);
  result = $state<WrapUpResult | null>(null);
  slaPreview = $state<string | null>(null);
  /** Field errors are shown only after a first submit attempt. */
  touched = $state(false);

  readonly errors = $derived.by(() => validate(this.draft, this.now()));
  readonly valid = $derived(Object.keys(this.errors).length === 0);
  readonly callId: string;

  constructor(
    callId: string,
    callerNumber: string,
    private readonly storage: DraftStorage,
    private readonly now: () => number = Date.now,
    campaignCall = false,
  ) {
    this.callId = callId;
    this.draft = WrapUpForm.load(storage, callId) ?? emptyDraft(callId, callerNumber, campaignCall);
  }

  static key(callId: string): string {
    return PREFIX + callId;
  }

  static load(storage: DraftStorage, callId: string): WrapUpDraft | null {
    const raw = storage.getItem(WrapUpForm.key(callId));
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as Partial<WrapUpDraft>;
      return { ...emptyDraft(callId, parsed.callerNumber ?? ''), ...parsed, callId };
    } catch {
      return null;
    }
  }

  /** Calls with an unsent draft, most recently edited first. */
  static pending(storage: DraftStorage): WrapUpDraft[] {
    const out: WrapUpDraft[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const d = WrapUpForm.load(storage, key.slice(PREFIX.length));
      if (d) out.push(d);
    }
    return out.sort((a, b) => b.savedAt - a.savedAt);
  }

  /** Writes the draft; the form calls it on every input. */
  persist(): void {
    this.draft.savedAt = this.now();
    this.storage.setItem(WrapUpForm.key(this.callId), JSON.stringify(this.draft));
  }

  discard(): void {
    this.storage.removeItem(WrapUpForm.key(this.callId));
  }

  toSubmission(): WrapUpSubmission {
    const d = this.draft;
    const complaint: WrapUpSubmission['complaint'] =
      d.complaintMode === 'create' && d.category && d.severity
        ? { mode: 'create', category: d.category, severity: d.severity, summary: d.summary.trim() }
        : d.complaintMode === 'update'
          ? {
              mode: 'update',
              complaintId: d.complaintId,
              status: d.complaintStatus,
              note: d.complaintNote,
            }
          : null;
    const start = fromLocalInput(d.windowStart);
    const end = fromLocalInput(d.windowEnd);
    return {
      callId: this.callId,
      disposition: d.disposition as Disposition,
      notes: d.notes,
      complaint,
      callback:
        d.callbackEnabled && start && end
          ? {
              windowStart: start,
              windowEnd: end,
              phone: d.callbackPhone.trim() || null,
              note: null,
            }
          : null,
      next:
        d.next === 'available'
          ? { state: 'available' }
          : d.next === 'paused'
            ? { state: 'paused', reason: d.pauseReason }
            : null,
    };
  }

  async refreshSla(api: ApiClient): Promise<void> {
    const { category, severity, callId } = this.draft;
    if (this.draft.complaintMode !== 'create' || !category || !severity) {
      this.slaPreview = null;
      return;
    }
    try {
      // The call names the customer, whose tier may shorten the SLA.
      const r = await api.get<ComplaintSlaResponse>('/console/complaint-sla', {
        category,
        severity,
        callId,
      });
      this.slaPreview = r.slaDueAt;
    } catch {
      this.slaPreview = null;
    }
  }

  /** Sends the wrap-up; true once the server saved it (the draft is then gone). */
  async submit(api: ApiClient): Promise<boolean> {
    this.touched = true;
    if (!this.valid || this.submitting) return false;
    this.persist();
    this.submitting = true;
    this.submitError = null;
    try {
      const outcome = this.draft.campaignCall ? this.draft.campaignOutcome : '';
      // The dialer records it (a "do not call me" puts the number on the DNC list at once);
      // sent again with a resubmitted draft, it is recorded the same way.
      if (outcome) {
        await api.post<null>(`/campaigns/calls/${encodeURIComponent(this.callId)}/outcome`, {
          outcome,
        });
      }
      this.result = await api.post<WrapUpResult>('/console/wrapup', this.toSubmission());
      this.discard();
      return true;
    } catch (err) {
      this.submitError = err instanceof ApiFailure ? err.message : String(err);
      return false;
    } finally {
      this.submitting = false;
    }
  }
}

export type WrapUpErrors = Partial<Record<keyof WrapUpDraft, MessageKey>>;

function validate(d: WrapUpDraft, now: number): WrapUpErrors {
  const e: WrapUpErrors = {};
  if (!d.disposition) e.disposition = 'wrapup.error.disposition';
  if (d.complaintMode === 'create') {
    if (!d.category) e.category = 'wrapup.error.category';
    if (!d.severity) e.severity = 'wrapup.error.severity';
    if (!d.summary.trim()) e.summary = 'wrapup.error.summary';
  }
  if (d.complaintMode === 'update' && !d.complaintId) e.complaintId = 'wrapup.error.complaint';
  if (d.callbackEnabled) {
    const start = fromLocalInput(d.windowStart);
    const end = fromLocalInput(d.windowEnd);
    if (!start) e.windowStart = 'wrapup.error.windowStart';
    if (!end) e.windowEnd = 'wrapup.error.windowEnd';
    else if (start && Date.parse(end) <= Date.parse(start))
      e.windowEnd = 'wrapup.error.windowOrder';
    else if (Date.parse(end) < now) e.windowEnd = 'wrapup.error.windowPast';
    if (d.callbackPhone.trim() && !/^\+?[0-9]{3,20}$/.test(d.callbackPhone.trim())) {
      e.callbackPhone = 'wrapup.error.phone';
    }
  }
  return e;
}
