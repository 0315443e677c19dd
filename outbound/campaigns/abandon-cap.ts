/**
 * The abandoned-call limit a campaign must respect: at most `maxRate` of the calls answered by
 * a person may be dropped (not put through to an agent in time), measured per campaign over
 * `windowDays`. Presets follow the rules as written at the time of writing (US: FTC
 * Telemarketing Sales Rule, 3% of live answers over 30 days; GB: Ofcom persistent-misuse
 * policy, 3% of live calls over 24 hours); a deployment can override both numbers.
 */
export interface AbandonCap {
  maxRate: number;
  windowDays: number;
}

export const JURISDICTION_CAPS = {
  default: { maxRate: 0.03, windowDays: 30 },
  US: { maxRate: 0.03, windowDays: 30 },
  GB: { maxRate: 0.03, windowDays: 1 },
} as const satisfies Record<string, AbandonCap>;

export type Jurisdiction = keyof typeof JURISDICTION_CAPS;

export const JURISDICTIONS = Object.keys(JURISDICTION_CAPS) as Jurisdiction[];

export function resolveAbandonCap(
  jurisdiction: Jurisdiction,
  override: Partial<AbandonCap> = {},
): AbandonCap {
  const base = JURISDICTION_CAPS[jurisdiction];
  return {
    maxRate: override.maxRate ?? base.maxRate,
    windowDays: override.windowDays ?? base.windowDays,
  };
}
