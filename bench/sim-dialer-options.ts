/**
 * Knobs for `npm run sim:dialer`, read from the environment, so that trade-off sweeps can be
 * re-run without editing the code:
 *
 *   SIM_ONLY=answer20-agents10-long,…   only these scenarios
 *   SIM_TUNING='{"baseTargetShare":2}'  predictive tuning overrides (see PredictiveTuning)
 *   SIM_CAP=1                           the abandon cap the controller is given (default: the
 *                                       campaign's 3%); 1 turns its pressure feedback and
 *                                       over-cap fallback off, to trace the raw trade-off
 */
import { z } from 'zod';
import { DEFAULT_PREDICTIVE_TUNING, type PredictiveTuning } from '../outbound/index.js';

export interface SimOptions {
  only: readonly string[] | null;
  tuning: PredictiveTuning;
  cap: number | null;
}

const tuningSchema = z
  .object({
    baseTargetShare: z.number().positive(),
    answerRateZ: z.number().min(0),
    minDials: z.number().int().min(0),
  })
  .partial()
  .strict();

const capSchema = z.coerce.number().gt(0).max(1);

export function simOptions(env: NodeJS.ProcessEnv): SimOptions {
  const only = env.SIM_ONLY ? env.SIM_ONLY.split(',').map((s) => s.trim()) : null;
  let tuning = DEFAULT_PREDICTIVE_TUNING;
  if (env.SIM_TUNING) {
    let raw: unknown;
    try {
      raw = JSON.parse(env.SIM_TUNING);
    } catch {
      throw new Error('SIM_TUNING: not JSON, e.g. {"baseTargetShare":1}');
    }
    const parsed = tuningSchema.safeParse(raw);
    if (!parsed.success) throw new Error(`SIM_TUNING: ${describe(parsed.error)}`);
    tuning = { ...DEFAULT_PREDICTIVE_TUNING, ...parsed.data };
  }
  let cap: number | null = null;
  if (env.SIM_CAP) {
    const parsed = capSchema.safeParse(env.SIM_CAP);
    if (!parsed.success)
      throw new Error(`SIM_CAP: ${describe(parsed.error)} (a rate, 0 < cap <= 1)`);
    cap = parsed.data;
  }
  return { only, tuning, cap };
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
}
