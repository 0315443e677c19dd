import type { LanguageTag } from '../languages.js';
import { LOOKUP_NEEDS_INPUT } from '../lookups.js';
import type { CompiledNode, Validator } from '../model.js';
import type { NodeSource, ScriptSource } from '../schema.js';
import { isNamedValidator } from '../validators.js';
import { parseCondition } from './conditions.js';
import type { IssueList } from './issues.js';
import { compileHolidays, compileWeekly, validTimezone } from './schedule.js';

type DefaultsSource = NonNullable<ScriptSource['defaults']>;

interface Defaults {
  timeoutMs: number;
  interDigitTimeoutMs: number;
  retries: number;
  invalidPrompts: string[];
  timeoutPrompts: string[];
  errorPrompts: string[] | null;
  fallback: string | null;
  lookupTimeoutMs: number;
}

const DTMF_KEY = /^[0-9*#]$/;

export function list(ref: string | string[] | undefined): string[] {
  if (ref === undefined) return [];
  return typeof ref === 'string' ? [ref] : ref;
}

export function resolveDefaults(d: DefaultsSource | undefined): Defaults {
  return {
    timeoutMs: d?.timeoutMs ?? 5000,
    interDigitTimeoutMs: d?.interDigitTimeoutMs ?? 3000,
    retries: d?.retries ?? 2,
    invalidPrompts: list(d?.invalidPrompt),
    timeoutPrompts: list(d?.timeoutPrompt),
    errorPrompts: d?.errorPrompt === undefined ? null : list(d.errorPrompt),
    fallback: d?.fallback ?? null,
    lookupTimeoutMs: d?.lookupTimeoutMs ?? 5000,
  };
}

function checkDigitKeys(keys: string[], node: string, issues: IssueList): boolean {
  if (keys.length === 0) {
    issues.add('bad_digit_map', 'no options: a menu needs at least one digit', node);
    return false;
  }
  const bad = keys.filter((k) => !DTMF_KEY.test(k));
  if (bad.length > 0) {
    const shown = bad.map((k) => `"${k}"`).join(', ');
    issues.add('bad_digit_map', `option keys ${shown} are not single DTMF keys 0-9, * or #`, node);
    return false;
  }
  return true;
}

function compileValidator(
  n: Extract<NodeSource, { kind: 'collect' }>,
  issues: IssueList,
): Validator | null {
  const v = n.validate;
  let validator: Validator;
  if (v === undefined) validator = { kind: 'none' };
  else if (typeof v === 'string') {
    if (!isNamedValidator(v)) {
      issues.add(
        'bad_validator',
        `unknown validator "${v}" (known: luhn, ticket, phone, account)`,
        n.id,
      );
      return null;
    }
    validator = { kind: v };
  } else {
    try {
      new RegExp(`^(?:${v.pattern})$`);
    } catch (err) {
      issues.add('bad_pattern', `pattern ${v.pattern}: ${(err as Error).message}`, n.id);
      return null;
    }
    validator = { kind: 'pattern', source: v.pattern };
  }
  if (n.sensitive && validator.kind !== 'none' && validator.kind !== 'luhn') {
    issues.add(
      'bad_validator',
      'a sensitive collect never keeps the digits, so only luhn (checked as they arrive) can validate it',
      n.id,
    );
    return null;
  }
  return validator;
}

function fallbackOf(own: string | undefined, d: Defaults, node: string, issues: IssueList): string {
  const target = own ?? d.fallback;
  if (target === null) {
    issues.add('unknown_target', 'no fallback and no defaults.fallback', node);
    return '';
  }
  return target;
}

/** A request to the CRM apologises when it fails: its own errorPrompt or the script's default. */
function errorPromptsOf(
  own: string | string[] | undefined,
  d: Defaults,
  node: string,
  issues: IssueList,
): string[] | null {
  const errorPrompts = own ? list(own) : d.errorPrompts;
  if (errorPrompts === null)
    issues.add('missing_prompt', 'no errorPrompt (apology) and no defaults.errorPrompt', node);
  return errorPrompts;
}

/** Applies the script's defaults and checks what one node can check alone. */
export function compileNode(
  n: NodeSource,
  d: Defaults,
  languages: readonly LanguageTag[],
  issues: IssueList,
): CompiledNode | null {
  const input = () => ({
    prompts: list('prompt' in n ? n.prompt : undefined),
    bargeIn: ('bargeIn' in n ? n.bargeIn : undefined) ?? true,
    timeoutMs: ('timeoutMs' in n ? n.timeoutMs : undefined) ?? d.timeoutMs,
    retries: ('retries' in n ? n.retries : undefined) ?? d.retries,
    invalidPrompts:
      'invalidPrompt' in n && n.invalidPrompt ? list(n.invalidPrompt) : d.invalidPrompts,
    timeoutPrompts:
      'timeoutPrompt' in n && n.timeoutPrompt ? list(n.timeoutPrompt) : d.timeoutPrompts,
  });
  switch (n.kind) {
    case 'play':
      return {
        id: n.id,
        kind: 'play',
        prompts: list(n.prompt),
        bargeIn: n.bargeIn ?? true,
        next: n.next,
      };
    case 'menu': {
      if (!checkDigitKeys(Object.keys(n.options), n.id, issues)) return null;
      const fallback = fallbackOf(n.fallback, d, n.id, issues);
      return { id: n.id, kind: 'menu', ...input(), options: { ...n.options }, fallback };
    }
    case 'collect': {
      const minLength = n.minLength ?? 1;
      if (minLength > n.maxLength) {
        issues.add(
          'bad_lengths',
          `minLength ${minLength} is more than maxLength ${n.maxLength}`,
          n.id,
        );
        return null;
      }
      const validator = compileValidator(n, issues);
      if (validator === null) return null;
      return {
        id: n.id,
        kind: 'collect',
        ...input(),
        interDigitTimeoutMs: n.interDigitTimeoutMs ?? d.interDigitTimeoutMs,
        minLength,
        maxLength: n.maxLength,
        terminator: n.terminator === 'none' ? null : (n.terminator ?? '#'),
        validator,
        into: n.into,
        sensitive: n.sensitive ?? false,
        pauseRecording: n.pauseRecording ?? false,
        next: n.next,
        fallback: fallbackOf(n.fallback, d, n.id, issues),
      };
    }
    case 'language': {
      if (!checkDigitKeys(Object.keys(n.options), n.id, issues)) return null;
      const options: Record<string, LanguageTag> = {};
      for (const [key, lang] of Object.entries(n.options)) {
        if (!(languages as readonly string[]).includes(lang)) {
          issues.add(
            'bad_digit_map',
            `option ${key} chooses "${lang}", not one of the script's languages`,
            n.id,
          );
          return null;
        }
        options[key] = lang as LanguageTag;
      }
      return {
        id: n.id,
        kind: 'language',
        ...input(),
        options,
        skipIfKnown: n.skipIfKnown ?? false,
        next: n.next,
        fallback: n.fallback ?? n.next,
      };
    }
    case 'hours': {
      if (!validTimezone(n.timezone)) {
        issues.add('bad_timezone', `unknown time zone "${n.timezone}" (e.g. Asia/Shanghai)`, n.id);
        return null;
      }
      return {
        id: n.id,
        kind: 'hours',
        timezone: n.timezone,
        weekly: compileWeekly(n.weekly, n.id, issues),
        holidays: compileHolidays(n.holidays ?? [], n.id, issues),
        open: n.open,
        closed: n.closed,
      };
    }
    case 'lookup': {
      const needs = LOOKUP_NEEDS_INPUT[n.lookup];
      if (needs !== (n.input !== undefined)) {
        const why = needs
          ? 'needs an input variable'
          : "uses the caller's number and takes no input";
        issues.add('schema_invalid', `lookup ${n.lookup} ${why}`, n.id);
        return null;
      }
      const errorPrompts = errorPromptsOf(n.errorPrompt, d, n.id, issues);
      if (errorPrompts === null) return null;
      return {
        id: n.id,
        kind: 'lookup',
        lookup: n.lookup,
        input: n.input ?? null,
        into: n.into,
        waitPrompts: list(n.waitPrompt),
        timeoutMs: n.timeoutMs ?? d.lookupTimeoutMs,
        errorPrompts,
        found: n.found,
        notFound: n.notFound,
        fallback: fallbackOf(n.fallback, d, n.id, issues),
      };
    }
    case 'cancel_callback': {
      const errorPrompts = errorPromptsOf(n.errorPrompt, d, n.id, issues);
      if (errorPrompts === null) return null;
      return {
        id: n.id,
        kind: 'cancel_callback',
        callback: n.callback,
        waitPrompts: list(n.waitPrompt),
        timeoutMs: n.timeoutMs ?? d.lookupTimeoutMs,
        errorPrompts,
        cancelled: n.cancelled,
        notFound: n.notFound,
        fallback: fallbackOf(n.fallback, d, n.id, issues),
      };
    }
    case 'condition': {
      const when = parseCondition(n.when);
      if (when === null) {
        issues.add(
          'schema_invalid',
          `when: "${n.when}" is not "path", "!path", "path == value" or "path != value"`,
          n.id,
        );
        return null;
      }
      return { id: n.id, kind: 'condition', when, then: n.then, else: n.else };
    }
    case 'switch':
      return { id: n.id, kind: 'switch', on: n.on, cases: { ...n.cases }, default: n.default };
    case 'set_var':
      return { id: n.id, kind: 'set_var', name: n.name, value: n.value, next: n.next };
    case 'set_priority':
      return { id: n.id, kind: 'set_priority', priority: n.priority, next: n.next };
    case 'set_skill':
      return { id: n.id, kind: 'set_skill', skill: n.skill, level: n.level, next: n.next };
    case 'queue': {
      const skills = n.skills ?? {};
      const bad = Object.keys(skills).filter((s) => !/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(s));
      if (bad.length > 0) {
        issues.add('schema_invalid', `skills ${bad.join(', ')} are not skill names`, n.id);
        return null;
      }
      return {
        id: n.id,
        kind: 'queue',
        queueId: n.queueId,
        skills: { ...skills },
        languageSkill: n.languageSkill ?? null,
        priority: n.priority ?? null,
        prompts: list(n.prompt),
      };
    }
    case 'callback':
      return {
        id: n.id,
        kind: 'callback',
        number: n.number ?? 'caller.number',
        queueId: n.queueId ?? null,
        prompts: list(n.prompt),
        fallback: n.fallback,
      };
    case 'transfer':
      return {
        id: n.id,
        kind: 'transfer',
        target:
          'endpoint' in n.target
            ? { kind: 'endpoint', endpoint: n.target.endpoint }
            : { kind: 'extension', context: n.target.context, extension: n.target.extension },
        prompts: list(n.prompt),
      };
    case 'hangup':
      return {
        id: n.id,
        kind: 'hangup',
        prompts: list(n.prompt),
        reason: n.reason ?? 'ivr_hangup',
      };
  }
}

/** Every prompt a node may play, for the unknown-prompt check. */
export function promptRefsOf(node: CompiledNode): string[] {
  switch (node.kind) {
    case 'menu':
    case 'collect':
    case 'language':
      return [...node.prompts, ...node.invalidPrompts, ...node.timeoutPrompts];
    case 'lookup':
    case 'cancel_callback':
      return [...node.waitPrompts, ...node.errorPrompts];
    case 'play':
    case 'queue':
    case 'callback':
    case 'transfer':
    case 'hangup':
      return node.prompts;
    default:
      return [];
  }
}
