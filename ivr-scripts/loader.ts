import { compileIvrScript } from './compile/compile.js';
import { IvrError, scriptInvalid } from './errors.js';
import type { IvrIssue } from './errors.js';
import type { CompiledScript } from './model.js';
import type { LanguageTag } from './languages.js';

/** The scripts shipped in `ivr-scripts/scripts/`; the server reads them (this module does no I/O). */
export const SHIPPED_SCRIPT_FILES: readonly string[] = ['main.yaml'];

export function shippedScriptUrl(fileName: string): URL {
  return new URL(`./scripts/${fileName}`, import.meta.url);
}

/** The compiled scripts of a deployment, by script id. */
export class IvrScriptSet {
  private readonly byId = new Map<string, CompiledScript>();

  constructor(scripts: readonly CompiledScript[]) {
    for (const s of scripts) this.byId.set(s.id, s);
  }

  get(id: string): CompiledScript {
    const script = this.byId.get(id);
    if (!script)
      throw new IvrError(
        'unknown_script',
        `no IVR script "${id}" (have: ${this.ids().join(', ')})`,
      );
    return script;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** Every queue named by a script (queue id → name by language); the first script naming it wins. */
  queueNames(): Map<string, Partial<Record<LanguageTag, string>>> {
    const out = new Map<string, Partial<Record<LanguageTag, string>>>();
    for (const s of this.byId.values()) {
      for (const [id, names] of Object.entries(s.queueNames)) if (!out.has(id)) out.set(id, names);
    }
    return out;
  }
}

/**
 * Compiles several files at once and reports the problems of all of them together, so that one
 * start-up attempt shows everything that needs fixing.
 */
export function compileIvrScripts(
  sources: readonly { fileName: string; text: string }[],
): IvrScriptSet {
  const issues: IvrIssue[] = [];
  const compiled: CompiledScript[] = [];
  const owner = new Map<string, string>();
  for (const { fileName, text } of sources) {
    try {
      const script = compileIvrScript(text, fileName);
      const other = owner.get(script.id);
      if (other !== undefined) {
        issues.push({
          file: fileName,
          code: 'duplicate_script',
          reason: `script id "${script.id}" is also used by ${other}`,
        });
        continue;
      }
      owner.set(script.id, fileName);
      compiled.push(script);
    } catch (err) {
      if (!(err instanceof IvrError)) throw err;
      issues.push(...err.issues);
    }
  }
  if (issues.length > 0) throw scriptInvalid(issues);
  return new IvrScriptSet(compiled);
}

export async function loadIvrScripts(
  fileNames: readonly string[],
  readFile: (fileName: string) => string | Promise<string>,
): Promise<IvrScriptSet> {
  const sources = await Promise.all(
    fileNames.map(async (fileName) => ({ fileName, text: await readFile(fileName) })),
  );
  return compileIvrScripts(sources);
}
