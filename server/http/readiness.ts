/**
 * `/readyz` asks every dependency the server cannot work without. Each probe answers within its
 * own time limit; a probe that throws or times out marks that dependency down.
 */
export interface ReadinessProbe {
  readonly name: string;
  check(): Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; error?: string }>;
}

export async function checkReadiness(
  probes: readonly ReadinessProbe[],
  timeoutMs = 2000,
): Promise<ReadinessReport> {
  const results = await Promise.all(
    probes.map(async (p) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race<void>([
          p.check(),
          new Promise<never>((_, rej) => {
            timer = setTimeout(() => rej(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return [p.name, { ok: true }] as [string, { ok: boolean; error?: string }];
      } catch (err) {
        return [p.name, { ok: false, error: err instanceof Error ? err.message : String(err) }] as [
          string,
          { ok: boolean; error?: string },
        ];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const checks: ReadinessReport['checks'] = Object.fromEntries(results);
  return { ready: results.every(([, r]) => r.ok), checks };
}
