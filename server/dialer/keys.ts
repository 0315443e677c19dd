/** Every Redis key of the dialer, under the server's prefix. */
export function dialerKeys(prefix: string) {
  const p = `${prefix}dialer:`;
  return {
    /** One pacing tick at a time per campaign, whichever node runs it. */
    lock: (campaignId: number) => `${p}lock:${campaignId}`,
    /** What the last tick saw (CampaignFloor JSON), for the statistics. */
    floor: (campaignId: number) => `${p}floor:${campaignId}`,
    /** Hash agent id → ms on duty in the campaign's queue since it started. */
    onDuty: (campaignId: number) => `${p}on-duty:${campaignId}`,
    /** The contact an agent is previewing. */
    preview: (campaignId: number, agentId: string) => `${p}preview:${campaignId}:${agentId}`,
    /** Which agent holds a contact in preview (no other agent gets it meanwhile). */
    previewHeld: (contactId: number) => `${p}preview-held:${contactId}`,
    /** An agent's "wrong number" / "do not call me" for a campaign call. */
    disposition: (callId: string) => `${p}disposition:${callId}`,
  };
}

export type DialerKeys = ReturnType<typeof dialerKeys>;

/** The channel id of one attempt: the same contact and attempt always give the same id. */
export function attemptChannelId(campaignId: number, contactId: number, attempt: number): string {
  return `cmp-${campaignId}-${contactId}-${attempt}`;
}
