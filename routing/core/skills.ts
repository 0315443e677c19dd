import type { SkillEvidence } from './explanation.js';
import type { QueueConfig, RelaxationStep, RoutedCall, SkillRequirement } from './types.js';

export interface ActiveRequirements {
  requirements: SkillRequirement[];
  /** Index of the relaxation step in force; -1: the original requirements. */
  step: number;
  /** When the next step starts (ms); null: fully relaxed. */
  nextAt: number | null;
}

function stepsOf(call: Pick<RoutedCall, 'relaxation' | 'requirements'>, queue: QueueConfig) {
  // A call that brings its own requirements brings its own relaxation (or none).
  if (call.requirements) return { base: call.requirements, steps: call.relaxation ?? [] };
  return { base: queue.requirements, steps: call.relaxation ?? queue.relaxation };
}

/** The requirements in force after the call has waited in its queue until `now`. */
export function activeRequirements(
  call: Pick<RoutedCall, 'relaxation' | 'requirements' | 'queueEnteredAt'>,
  queue: QueueConfig,
  now: number,
): ActiveRequirements {
  const { base, steps } = stepsOf(call, queue);
  const waited = (now - call.queueEnteredAt) / 1000;
  let step = -1;
  steps.forEach((s: RelaxationStep, i) => {
    if (waited >= s.afterSeconds) step = i;
  });
  const next = steps[step + 1];
  return {
    requirements: step >= 0 ? (steps[step]?.requirements ?? base) : base,
    step,
    nextAt: next ? call.queueEnteredAt + next.afterSeconds * 1000 : null,
  };
}

/** The loosest requirements the call can ever reach (for "could anyone logged in serve it?"). */
export function finalRequirements(
  call: Pick<RoutedCall, 'relaxation' | 'requirements'>,
  queue: QueueConfig,
): SkillRequirement[] {
  const { base, steps } = stepsOf(call, queue);
  return steps.length ? (steps[steps.length - 1]?.requirements ?? base) : base;
}

/** The first requirement the agent fails, or null when all are met. */
export function missingSkill(
  skills: Readonly<Record<string, number>>,
  requirements: readonly SkillRequirement[],
): SkillRequirement | null {
  for (const r of requirements) {
    if ((skills[r.skill] ?? 0) < r.min) return r;
  }
  return null;
}

export function meetsRequirements(
  skills: Readonly<Record<string, number>>,
  requirements: readonly SkillRequirement[],
): boolean {
  return missingSkill(skills, requirements) === null;
}

/** The agent's levels in the skills a decision depended on, beside the minimum asked. */
export function skillEvidence(
  skills: Readonly<Record<string, number>>,
  requirements: readonly SkillRequirement[],
): SkillEvidence[] {
  return requirements.map((r) => ({ skill: r.skill, level: skills[r.skill] ?? 0, min: r.min }));
}

export function describeRequirement(r: SkillRequirement): string {
  return `${r.skill} ≥ ${r.min}`;
}
