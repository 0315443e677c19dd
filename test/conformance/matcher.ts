/**
 * Compares what a PBX sent with what the trace recorded, field by field. Values Asterisk
 * chooses (channel ids, channel names' counters, generated playback ids) differ between runs:
 * the first time one is met, the trace's value is bound to the value seen, and every later
 * occurrence must agree. Timestamps and asterisk_id are checked for their format only.
 */
const TOKEN =
  /(?:Local|Recorder|Announcer|Snoop|PJSIP)\/[^,;\s]+?-[0-9a-f]{8}|\b\d{9,11}\.\d+\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$/;
const ENTITY_ID = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;
const TIME_KEYS = new Set(['timestamp', 'creationtime', 'startup_time', 'last_reload_time']);

export class TraceMatcher {
  private readonly map = new Map<string, string>();
  private readonly reverse = new Map<string, string>();

  /** The trace's value for something in this run, once known. */
  mapped(traceValue: string): string {
    return traceValue.replace(TOKEN, (t) => this.map.get(t) ?? t);
  }

  bind(traceValue: string, actual: string, diffs: string[], where: string): void {
    const known = this.map.get(traceValue);
    if (known !== undefined) {
      if (known !== actual)
        diffs.push(`${where}: expected ${known} (trace ${traceValue}), got ${actual}`);
      return;
    }
    const owner = this.reverse.get(actual);
    if (owner !== undefined && owner !== traceValue) {
      diffs.push(`${where}: ${actual} already stands for ${owner}, not ${traceValue}`);
      return;
    }
    this.map.set(traceValue, actual);
    this.reverse.set(actual, traceValue);
  }

  compareString(expected: string, actual: string, diffs: string[], where: string): void {
    const et = expected.match(TOKEN) ?? [];
    const at = actual.match(TOKEN) ?? [];
    if (et.length === at.length) et.forEach((t, i) => this.bind(t, at[i]!, diffs, where));
    const want = this.mapped(expected);
    if (want !== actual)
      diffs.push(`${where}: expected ${JSON.stringify(want)}, got ${JSON.stringify(actual)}`);
  }

  compare(
    expected: unknown,
    actual: unknown,
    diffs: string[] = [],
    where = '$',
    key = '',
  ): string[] {
    if (typeof expected === 'string') {
      if (typeof actual !== 'string') {
        diffs.push(`${where}: expected a string, got ${JSON.stringify(actual)}`);
      } else if (TIME_KEYS.has(key)) {
        if (!TIMESTAMP.test(actual)) diffs.push(`${where}: ${actual} is not an ARI timestamp`);
      } else if (key === 'asterisk_id' || key === 'entity_id') {
        if (!ENTITY_ID.test(actual)) diffs.push(`${where}: ${actual} is not an entity id`);
      } else this.compareString(expected, actual, diffs, where);
      return diffs;
    }
    if (Array.isArray(expected)) {
      if (!Array.isArray(actual))
        diffs.push(`${where}: expected an array, got ${JSON.stringify(actual)}`);
      else if (actual.length !== expected.length) {
        diffs.push(
          `${where}: expected ${expected.length} items ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
        );
      } else expected.forEach((e, i) => this.compare(e, actual[i], diffs, `${where}[${i}]`, key));
      return diffs;
    }
    if (expected !== null && typeof expected === 'object') {
      if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
        diffs.push(`${where}: expected an object, got ${JSON.stringify(actual)}`);
        return diffs;
      }
      const e = expected as Record<string, unknown>;
      const a = actual as Record<string, unknown>;
      for (const k of Object.keys(e)) {
        if (!(k in a)) diffs.push(`${where}.${k}: missing`);
        else this.compare(e[k], a[k], diffs, `${where}.${k}`, k);
      }
      for (const k of Object.keys(a))
        if (!(k in e)) diffs.push(`${where}.${k}: not in the trace (${JSON.stringify(a[k])})`);
      return diffs;
    }
    if (expected !== actual)
      diffs.push(`${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    return diffs;
  }
}
