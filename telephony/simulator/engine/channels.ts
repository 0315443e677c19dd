import type { Ctx } from '../context.js';
import type { CallerId, ChannelKind, DialplanLocation, SimChannel } from '../state.js';

export interface NewChannel {
  id?: string;
  name: string;
  kind: ChannelKind;
  state: string;
  caller?: CallerId;
  endpoint: string;
  dialplan: DialplanLocation;
}

/** Adds a channel to the PBX. It sends no event: nobody is subscribed to a new channel yet. */
export function newChannel(ctx: Ctx, spec: NewChannel): SimChannel {
  const caller = spec.caller ?? { name: '', number: '' };
  const ch: SimChannel = {
    id: spec.id ?? ctx.state.nextChannelId(),
    name: spec.name,
    kind: spec.kind,
    state: spec.state,
    caller: { ...caller },
    connected: { ...caller },
    accountcode: '',
    dialplan: { ...spec.dialplan },
    creationtime: ctx.clock.now(),
    language: 'en',
    variables: new Map(),
    endpoint: spec.endpoint,
    subscribers: new Set(),
    mediaLog: [],
    hangingUp: false,
    ringTimers: [],
  };
  ctx.state.channels.set(ch.id, ch);
  return ch;
}

export const APP_DIAL: Pick<DialplanLocation, 'app_name' | 'app_data'> = {
  app_name: 'AppDial2',
  app_data: '(Outgoing Line)',
};

/**
 * A Local channel pair `Local/<exten>@<context>-<n>;1` / `;2`: what is done to one half is
 * seen on the other; `;2` runs the dialplan at exten@context.
 */
export function newLocalPair(
  ctx: Ctx,
  exten: string,
  context: string,
  ids: { one?: string; two?: string; caller?: CallerId },
): { one: SimChannel; two: SimChannel } {
  const base = `Local/${exten}@${context}-${ctx.state.nextUnrealSuffix()}`;
  const endpoint = `Local/${exten}@${context}`;
  const one = newChannel(ctx, {
    ...(ids.one ? { id: ids.one } : {}),
    name: `${base};1`,
    kind: 'local1',
    state: 'Down',
    ...(ids.caller ? { caller: ids.caller } : {}),
    endpoint,
    dialplan: { context, exten, priority: 1, ...APP_DIAL },
  });
  const two = newChannel(ctx, {
    ...(ids.two ? { id: ids.two } : {}),
    name: `${base};2`,
    kind: 'local2',
    state: 'Ring',
    ...(ids.caller ? { caller: ids.caller } : {}),
    endpoint,
    dialplan: { context, exten, priority: 1, app_name: '', app_data: '' },
  });
  one.partnerId = two.id;
  two.partnerId = one.id;
  two.run = { context, exten, priority: 1, inStasis: false };
  return { one, two };
}

/** "Name <number>", "<number>" or "number", as ARI's callerId parameter takes it. */
export function parseCallerId(text: string): CallerId {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$/.exec(text);
  if (m) return { name: m[1]!.trim(), number: m[2]!.trim() };
  return { name: '', number: text.trim() };
}

export function partnerOf(ctx: Ctx, ch: SimChannel): SimChannel | undefined {
  return ch.partnerId ? ctx.state.channels.get(ch.partnerId) : undefined;
}
