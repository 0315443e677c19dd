import type { ContactOutcome } from '../contacts/contact-state.js';

/** Results of a campaign's dials so far (today, or since start: the caller chooses). */
export type OutcomeCounts = Record<ContactOutcome, number>;

export function emptyOutcomeCounts(): OutcomeCounts {
  return {
    answered: 0,
    no_answer: 0,
    busy: 0,
    machine: 0,
    abandoned: 0,
    wrong_number: 0,
    dnc_request: 0,
  };
}

export interface AgentTime {
  /** Time on calls of this campaign (talking, not wrap-up). */
  talkMs: number;
  /** Time logged into the campaign, breaks excluded. */
  availableMs: number;
}

export interface CampaignStatsInput {
  outcomes: OutcomeCounts;
  agents: readonly AgentTime[];
  contactsTotal: number;
  /** Contacts that will not be dialed again (done, exhausted, invalid, DNC). */
  contactsClosed: number;
  ringingLines: number;
  /** Agents logged in and not on a break. */
  agentsOnDuty: number;
  /** Totals over the regulatory window, for the figure the cap applies to. */
  window: { liveAnswers: number; abandoned: number };
}

export interface CampaignStats {
  /** Dials with a result plus the lines ringing now. */
  dialed: number;
  /** Calls answered by a person (put through or abandoned); machines are not answers. */
  answered: number;
  machines: number;
  abandoned: number;
  /** abandoned / answered over the counts given, in percent. */
  abandonedPercent: number;
  /** The same over the regulatory window: the figure compared with the cap. */
  windowAbandonedPercent: number;
  /** Share of agents' available time spent talking, in percent. */
  occupancyPercent: number;
  contactsRemaining: number;
  /** Lines ringing now per agent on duty. */
  dialRatio: number;
}

const percent = (part: number, whole: number) => (whole > 0 ? (100 * part) / whole : 0);

export function computeCampaignStats(input: CampaignStatsInput): CampaignStats {
  const o = input.outcomes;
  const dialed = Object.values(o).reduce((s, n) => s + n, 0) + input.ringingLines;
  // Every outcome but machine, busy and no-answer means a person picked up.
  const answered = o.answered + o.abandoned + o.wrong_number + o.dnc_request;
  let talk = 0;
  let available = 0;
  for (const a of input.agents) {
    talk += a.talkMs;
    available += a.availableMs;
  }
  return {
    dialed,
    answered,
    machines: o.machine,
    abandoned: o.abandoned,
    abandonedPercent: percent(o.abandoned, answered),
    windowAbandonedPercent: percent(input.window.abandoned, input.window.liveAnswers),
    occupancyPercent: percent(talk, available),
    contactsRemaining: Math.max(0, input.contactsTotal - input.contactsClosed),
    dialRatio: input.ringingLines / Math.max(1, input.agentsOnDuty),
  };
}
