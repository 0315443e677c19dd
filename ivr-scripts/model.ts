import type { LanguageTag } from './languages.js';

/**
 * The compiled form of a script: every default applied, every reference checked, prompts parsed
 * into templates. It is plain data so that the interpreter's work per event is a few lookups.
 */
export type LookupKind =
  'balance_by_phone' | 'balance_by_account' | 'complaint_by_ticket' | 'callback_by_phone';
/** Every request the IVR sends the CRM: the lookups and the one action, a callback's cancel. */
export type RequestKind = LookupKind | 'cancel_callback';

/** How a readback slot is spoken: Asterisk's `number:`, `digits:` or `characters:` media. */
export type SayAs = 'number' | 'digits' | 'characters';
/**
 * A part taken from a value before it is spoken: date parts of YYYY-MM-DD, time parts of a
 * local time written YYYY-MM-DD HH:MM, or amount parts.
 */
export type ValuePart = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'int' | 'frac';

export type TemplatePart =
  | { kind: 'sound'; sound: string; text: string }
  | { kind: 'slot'; path: string; part: ValuePart | null; say: SayAs };

export interface CompiledPrompt {
  id: string;
  sound: string;
  combined: boolean;
  /** Per language, what is played: recorded chunks and readback slots, in spoken order. */
  parts: Record<LanguageTag, TemplatePart[]>;
  texts: Record<LanguageTag, string>;
}

export type Condition =
  | { op: 'truthy'; path: string; negate: boolean }
  | { op: 'eq' | 'ne'; path: string; value: string };

export type Validator =
  | { kind: 'none' }
  | { kind: 'luhn' }
  | { kind: 'ticket' }
  | { kind: 'phone' }
  | { kind: 'account' }
  | { kind: 'pattern'; source: string };

export type TransferTarget =
  | { kind: 'endpoint'; endpoint: string }
  | { kind: 'extension'; context: string; extension: string };

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

interface InputNode {
  prompts: string[];
  bargeIn: boolean;
  timeoutMs: number;
  retries: number;
  invalidPrompts: string[];
  timeoutPrompts: string[];
}

export type CompiledNode =
  | { id: string; kind: 'play'; prompts: string[]; bargeIn: boolean; next: string }
  | ({ id: string; kind: 'menu'; options: Record<string, string>; fallback: string } & InputNode)
  | ({
      id: string;
      kind: 'collect';
      interDigitTimeoutMs: number;
      minLength: number;
      maxLength: number;
      terminator: '#' | '*' | null;
      validator: Validator;
      into: string;
      sensitive: boolean;
      pauseRecording: boolean;
      next: string;
      fallback: string;
    } & InputNode)
  | ({
      id: string;
      kind: 'language';
      options: Record<string, LanguageTag>;
      skipIfKnown: boolean;
      next: string;
      fallback: string;
    } & InputNode)
  | {
      id: string;
      kind: 'hours';
      timezone: string;
      /** Minutes since local midnight, [start, end) pairs. */
      weekly: Record<Weekday, [number, number][]>;
      holidays: string[];
      open: string;
      closed: string;
    }
  | {
      id: string;
      kind: 'lookup';
      lookup: LookupKind;
      input: string | null;
      into: string;
      waitPrompts: string[];
      timeoutMs: number;
      errorPrompts: string[];
      found: string;
      notFound: string;
      fallback: string;
    }
  | {
      id: string;
      kind: 'cancel_callback';
      /** The variable holding the callback's id (a `callback_by_phone` lookup's `<into>.id`). */
      callback: string;
      waitPrompts: string[];
      timeoutMs: number;
      errorPrompts: string[];
      cancelled: string;
      notFound: string;
      fallback: string;
    }
  | { id: string; kind: 'condition'; when: Condition; then: string; else: string }
  | { id: string; kind: 'switch'; on: string; cases: Record<string, string>; default: string }
  | { id: string; kind: 'set_var'; name: string; value: string | number | boolean; next: string }
  | { id: string; kind: 'set_priority'; priority: number; next: string }
  | { id: string; kind: 'set_skill'; skill: string; level: number; next: string }
  | {
      id: string;
      kind: 'queue';
      queueId: string;
      skills: Record<string, number>;
      languageSkill: number | null;
      priority: number | null;
      prompts: string[];
    }
  | {
      id: string;
      kind: 'callback';
      number: string;
      queueId: string | null;
      prompts: string[];
      fallback: string;
    }
  | { id: string; kind: 'transfer'; target: TransferTarget; prompts: string[] }
  | { id: string; kind: 'hangup'; prompts: string[]; reason: string };

export type NodeKind = CompiledNode['kind'];
export type NodeOf<K extends NodeKind> = Extract<CompiledNode, { kind: K }>;

export interface CompiledScript {
  id: string;
  fileName: string;
  languages: LanguageTag[];
  defaultLanguage: LanguageTag;
  start: string;
  prompts: Record<string, CompiledPrompt>;
  nodes: Record<string, CompiledNode>;
  /** Queue id → its name in each of the script's languages (the `queues` section). */
  queueNames: Record<string, Record<LanguageTag, string>>;
}

/** Nodes that end the IVR part of a call. */
export const TERMINAL_KINDS: ReadonlySet<NodeKind> = new Set([
  'queue',
  'callback',
  'transfer',
  'hangup',
]);

/** Nodes that decide at once, without playing or waiting: a cycle of only these never yields. */
export const INSTANT_KINDS: ReadonlySet<NodeKind> = new Set([
  'hours',
  'condition',
  'switch',
  'set_var',
  'set_priority',
  'set_skill',
]);

/** Every node a node can lead to; the compiler's graph checks and the interpreter agree on it. */
export function targetsOf(node: CompiledNode): string[] {
  switch (node.kind) {
    case 'play':
    case 'set_var':
    case 'set_priority':
    case 'set_skill':
      return [node.next];
    case 'menu':
      return [...Object.values(node.options), node.fallback];
    case 'collect':
    case 'language':
      return [node.next, node.fallback];
    case 'hours':
      return [node.open, node.closed];
    case 'lookup':
      return [node.found, node.notFound, node.fallback];
    case 'cancel_callback':
      return [node.cancelled, node.notFound, node.fallback];
    case 'condition':
      return [node.then, node.else];
    case 'switch':
      return [...Object.values(node.cases), node.default];
    case 'callback':
      return [node.fallback];
    case 'queue':
    case 'transfer':
    case 'hangup':
      return [];
  }
}
