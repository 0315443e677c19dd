import { Action } from './action.svelte.js';
import type { ApiClient, ApiFailure } from './api.js';
import type {
  CallbackCancelRequest,
  CallbackCancelResponse,
  CallbackStatus,
  IllegalTransitionDetails,
} from './contracts.js';
import type { I18n } from './i18n.svelte.js';

/**
 * The longest reason the CRM keeps (crm-core `CancelInput`); the console refuses a longer one
 * before sending it. test/unit/agent-ui/callback-cancel.test.ts holds the two together.
 */
export const CANCEL_REASON_MAX = 500;

/** Only a callback still waiting can be cancelled; one being dialled is the dialer's. */
export function canCancel(status: CallbackStatus): boolean {
  return status === 'pending' || status === 'scheduled';
}

/** Why the server refused a cancel, in terms the console can say in the agent's language. */
export type CancelRefusal =
  | { kind: 'dialing' }
  | { kind: 'closed'; status: CallbackStatus }
  | { kind: 'not_found' }
  | { kind: 'network' }
  | { kind: 'other'; message: string };

/** A 409 `illegal_transition` names the state the callback is really in (`details.from`). */
export function refusalOf(failure: ApiFailure | null, message: string | null): CancelRefusal {
  if (!failure) return { kind: 'other', message: message ?? '' };
  if (failure.code === 'network') return { kind: 'network' };
  if (failure.code === 'not_found') return { kind: 'not_found' };
  const details = failure.details as Partial<IllegalTransitionDetails<CallbackStatus>> | undefined;
  const from = details?.from;
  if (failure.code === 'illegal_transition' && typeof from === 'string') {
    return from === 'dialing' ? { kind: 'dialing' } : { kind: 'closed', status: from };
  }
  return { kind: 'other', message: failure.message };
}

export function refusalText(r: CancelRefusal, i18n: I18n): string {
  switch (r.kind) {
    case 'dialing':
      return i18n.t('callbackCancel.error.dialing');
    case 'closed':
      return i18n.t('callbackCancel.error.closed', {
        status: i18n.tk('callbackStatus', r.status),
      });
    case 'not_found':
      return i18n.t('callbackCancel.error.notFound');
    case 'network':
      return i18n.t('callbackCancel.error.network');
    case 'other':
      return i18n.t('callbackCancel.error.failed', { reason: r.message });
  }
}

/**
 * What the console learns of a callback by cancelling it: `cancelled` with the CRM's record, or,
 * when the server refused, the state it is really in (dialled meanwhile, already closed).
 */
export type CallbackSettled = (
  status: CallbackStatus,
  callback: CallbackCancelResponse | null,
) => void;

/**
 * One callback's cancel control: asked, confirmed with an optional reason, sent. The list that
 * shows the callback is told the outcome (`settled`) and updates itself.
 */
export class CallbackCancel {
  confirming = $state(false);
  reason = $state('');
  refusal = $state<CancelRefusal | null>(null);
  readonly action = new Action();
  readonly reasonTooLong = $derived(this.reason.trim().length > CANCEL_REASON_MAX);

  constructor(
    private readonly api: ApiClient,
    readonly callbackId: string,
    private readonly settled: CallbackSettled,
  ) {}

  ask(): void {
    this.confirming = true;
    this.refusal = null;
  }

  back(): void {
    this.confirming = false;
    this.reason = '';
  }

  async confirm(): Promise<boolean> {
    if (!this.confirming || this.reasonTooLong || this.action.busy) return false;
    const reason = this.reason.trim();
    const body: CallbackCancelRequest = reason ? { reason } : {};
    const id = encodeURIComponent(this.callbackId);
    const cb = await this.action.run(() =>
      this.api.post<CallbackCancelResponse>(`/callbacks/${id}/cancel`, body),
    );
    if (cb) {
      this.back();
      this.settled(cb.status, cb);
      return true;
    }
    const refusal = refusalOf(this.action.failure, this.action.error);
    this.refusal = refusal;
    if (refusal.kind === 'dialing') this.settled('dialing', null);
    if (refusal.kind === 'closed') this.settled(refusal.status, null);
    // The confirmation stays open only when trying again can help (network, a refused reason).
    if (refusal.kind !== 'network' && refusal.kind !== 'other') this.back();
    return false;
  }
}
