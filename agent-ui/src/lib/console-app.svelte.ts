import type { ApiClient } from './api.js';
import { AgentStatus } from './agent-status.svelte.js';
import { AgentsTable } from './agents-table.svelte.js';
import { CallState } from './call.svelte.js';
import type { Clock } from './clock.svelte.js';
import { ConsoleSession } from './console-session.svelte.js';
import type {
  ComplaintCategoriesResponse,
  ComplaintCategoryInfo,
  DirectoryResponse,
  WrapUpResult,
} from './contracts.js';
import { CustomerPage, CustomerSearch } from './customers.svelte.js';
import { KnowledgePanel } from './knowledge.svelte.js';
import { Loader } from './loader.svelte.js';
import { Notifications } from './notifications.svelte.js';
import type { ConsoleTransport } from './transport.js';
import { Wallboard } from './wallboard.svelte.js';
import { WrapUpForm, type DraftStorage } from './wrapup.svelte.js';

export interface ConsoleAppDeps {
  transport: ConsoleTransport;
  api: ApiClient;
  storage: DraftStorage;
  clock: Clock;
}

/** Everything a logged-in console shows, wired to one connection. */
export class ConsoleApp {
  readonly agent: AgentStatus;
  readonly call: CallState;
  readonly wallboard = new Wallboard();
  readonly agentsTable: AgentsTable;
  readonly notifications = new Notifications();
  readonly session: ConsoleSession;
  readonly customers: CustomerSearch;
  readonly customerPage: CustomerPage;
  readonly knowledge: KnowledgePanel;
  readonly directory = new Loader<DirectoryResponse>();
  /** The CRM's complaint categories, with their names in both languages. */
  readonly categories = new Loader<ComplaintCategoryInfo[]>();
  /** The last wrap-up the server saved, shown as a confirmation (ticket, SLA due time). */
  lastSaved = $state<WrapUpResult | null>(null);

  /** Bumped when drafts are added or removed outside the reactive graph (storage). */
  #draftsVersion = $state(0);
  #forms = new Map<string, WrapUpForm>();

  /**
   * The wrap-up form to show: the current call's (from the moment it connects, so notes typed
   * during the call are part of it), else the most recent unsent draft of an earlier call.
   */
  readonly wrapUp: WrapUpForm | null = $derived.by(() => {
    void this.#draftsVersion;
    const { phase, pop } = this.call;
    if (pop && (phase === 'connected' || phase === 'wrap_up')) {
      return this.formFor(pop.callId, pop.callerNumber, pop.origin.kind === 'campaign');
    }
    const pending = WrapUpForm.pending(this.deps.storage)[0];
    return pending ? this.formFor(pending.callId, pending.callerNumber) : null;
  });
  /** The form belongs to a call that is over and no longer on screen. */
  readonly wrapUpIsLeftover = $derived.by(
    () => this.wrapUp !== null && this.wrapUp.callId !== this.call.callId,
  );

  constructor(private readonly deps: ConsoleAppDeps) {
    this.agent = new AgentStatus(deps.transport, deps.clock);
    this.call = new CallState(deps.transport, deps.clock);
    this.agentsTable = new AgentsTable(deps.transport, deps.clock);
    this.customers = new CustomerSearch(deps.api);
    this.customerPage = new CustomerPage(deps.api);
    this.knowledge = new KnowledgePanel(deps.api);
    this.session = new ConsoleSession(deps.transport, {
      agent: this.agent,
      call: this.call,
      wallboard: this.wallboard,
      agentsTable: this.agentsTable,
      notifications: this.notifications,
    });
  }

  private formFor(callId: string, callerNumber: string, campaignCall = false): WrapUpForm {
    let form = this.#forms.get(callId);
    if (!form) {
      form = new WrapUpForm(
        callId,
        callerNumber,
        this.deps.storage,
        () => this.deps.clock.now,
        campaignCall,
      );
      this.#forms.set(callId, form);
    }
    return form;
  }

  /** Submits the shown wrap-up; on success the call leaves the screen. */
  async submitWrapUp(): Promise<boolean> {
    const form = this.wrapUp;
    if (!form) return false;
    const ok = await form.submit(this.deps.api);
    if (!ok) return false;
    this.lastSaved = form.result;
    if (form.result?.agent) this.agent.apply(form.result.agent);
    if (this.call.callId === form.callId) this.call.clear();
    this.#forms.delete(form.callId);
    this.#draftsVersion++;
    return true;
  }

  /** Drops an unsent draft of a call that is over (e.g. one the server refuses). */
  discardLeftover(): void {
    const form = this.wrapUp;
    if (!form || !this.wrapUpIsLeftover) return;
    form.discard();
    this.#forms.delete(form.callId);
    this.#draftsVersion++;
  }

  loadCategories(): Promise<ComplaintCategoryInfo[] | null> {
    return this.categories.run(
      async () =>
        (await this.deps.api.get<ComplaintCategoriesResponse>('/complaints/categories')).items,
    );
  }

  /** A category's name in `lang`, or null when the CRM does not know the code. */
  categoryName(code: string, lang: string): string | null {
    const c = this.categories.value?.find((x) => x.code === code);
    if (!c) return null;
    return lang === 'en' ? c.nameEn : c.nameZh;
  }

  loadDirectory(): Promise<DirectoryResponse | null> {
    return this.directory.run(() => this.deps.api.get<DirectoryResponse>('/console/directory'));
  }

  close(): void {
    this.session.close();
  }
}
