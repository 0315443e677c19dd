import { OutboundError } from '../errors.js';

/** draft → running ⇄ paused → stopped; a stopped campaign is final (copy it to run again). */
export type CampaignState = 'draft' | 'running' | 'paused' | 'stopped';

const MOVES: Record<CampaignState, readonly CampaignState[]> = {
  draft: ['running'],
  running: ['paused', 'stopped'],
  paused: ['running', 'stopped'],
  stopped: [],
};

export function canMoveCampaign(from: CampaignState, to: CampaignState): boolean {
  return MOVES[from].includes(to);
}

export function moveCampaign(from: CampaignState, to: CampaignState): CampaignState {
  if (!canMoveCampaign(from, to)) {
    throw new OutboundError('illegal_transition', `a ${from} campaign cannot become ${to}`, {
      from,
      to,
    });
  }
  return to;
}

/** Only a running campaign places calls. */
export function campaignDials(state: CampaignState): boolean {
  return state === 'running';
}

/** Its definition may change only while it is not placing calls. */
export function campaignEditable(state: CampaignState): boolean {
  return state === 'draft' || state === 'paused';
}
