import type { CampaignView } from '../../../../agent-ui/src/lib/contracts.js';

/** A campaign as the CRM API answers it. */
export function campaign(
  id: number,
  state: CampaignView['state'] = 'draft',
  mode: CampaignView['mode'] = 'progressive',
): CampaignView {
  return {
    id,
    name: `Renewals ${id}`,
    queueId: 'billing',
    mode,
    state,
    callingHours: { start: '09:00', end: '21:00' },
    maxAttempts: 3,
    callerId: '+861088880000',
    defaultTimezone: 'Asia/Shanghai',
    abandonCap: { maxRate: 0.03, windowDays: 30 },
    amd: true,
    createdAt: '2026-12-01T02:00:00.000Z',
    startedAt: null,
    stoppedAt: null,
  };
}
