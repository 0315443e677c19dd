import type { ApiClient } from './api.js';
import type {
  ConsoleNotification,
  OverdueComplaint,
  OverdueComplaintsResponse,
} from './contracts.js';
import { Loader } from './loader.svelte.js';

const SHOWN = 20;
/** Notifications after which the list is read again at once. */
const SLA_KINDS: ReadonlySet<ConsoleNotification['kind']> = new Set([
  'complaint_sla_breached',
  'complaint_sla_warning',
]);

/**
 * The wallboard's complaints past their due time (flagged by the SLA timers or found overdue),
 * most escalated first. Read on open, every `refreshMs`, and at once after an SLA alert.
 */
export class SlaBoard {
  readonly overdue = new Loader<OverdueComplaint[]>();
  readonly items = $derived(
    [...(this.overdue.value ?? [])].sort(
      (a, b) => b.escalationLevel - a.escalationLevel || a.dueAt.localeCompare(b.dueAt),
    ),
  );
  readonly count = $derived(this.overdue.value?.length ?? 0);
  #timer: ReturnType<typeof setInterval> | null = null;
  #seen = new Set<string>();

  constructor(private readonly api: ApiClient) {}

  load(): Promise<OverdueComplaint[] | null> {
    return this.overdue.run(
      async () =>
        (
          await this.api.get<OverdueComplaintsResponse>('/complaints', {
            overdue: 'true',
            status: 'open,in_progress',
            limit: String(SHOWN),
          })
        ).items,
    );
  }

  /** Call with the console's notifications; an SLA alert not seen before reloads the list. */
  notice(notifications: readonly ConsoleNotification[]): void {
    let fresh = false;
    for (const n of notifications) {
      if (!SLA_KINDS.has(n.kind) || this.#seen.has(n.id)) continue;
      this.#seen.add(n.id);
      fresh = true;
    }
    if (fresh) void this.load();
  }

  start(refreshMs = 60_000): void {
    this.stop();
    void this.load();
    this.#timer = setInterval(() => void this.load(), refreshMs);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
