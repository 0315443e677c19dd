/**
 * Fills a knowledge script's placeholders for the agent who reads it out: `{agent}` (the
 * agent's name) and `{customer}` (the caller's, when known). A placeholder with no value stays
 * as written, so the agent sees what to say there instead of an empty gap.
 */
export interface ScriptValues {
  agent?: string | null | undefined;
  customer?: string | null | undefined;
}

export function fillScript(body: string, values: ScriptValues): string {
  return body.replace(/\{(agent|customer)\}/g, (placeholder, name: keyof ScriptValues) => {
    const value = values[name];
    return value ? value : placeholder;
  });
}
