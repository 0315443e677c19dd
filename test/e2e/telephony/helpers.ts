import type { Stack } from '../../support/stack.js';

/** Polls `probe` until it returns something truthy; fails with `what` after `timeoutMs`. */
export async function until<T>(
  what: string,
  probe: () => T | Promise<T>,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The media the party on a channel heard, in order. */
export function heard(stack: Stack, channelId: string): string[] {
  return stack.sim.control.heard(channelId).map((h) => h.media);
}

/** Waits until the channel has heard `media` (at least `times` times). */
export function untilHeard(
  stack: Stack,
  channelId: string,
  media: string,
  times = 1,
): Promise<true> {
  return until(`${channelId} to hear ${media} x${times}`, () =>
    heard(stack, channelId).filter((m) => m === media).length >= times ? true : null,
  );
}

export async function placeCall(stack: Stack, from: string): Promise<string> {
  const call = await stack.sim.control.placeCall({ from });
  if (!call.stasis) throw new Error(`call from ${from} did not reach the app: ${call.reason}`);
  return call.channelId;
}

/** The caller hangs up and the call layer has ended the call. */
export async function callerHangsUp(stack: Stack, callId: string): Promise<void> {
  stack.sim.control.hangup(callId);
  await stack.waitFor('ended', (e) => e.callId === callId);
}

export function ivrNodes(stack: Stack, callId: string): string[] {
  return stack.events.flatMap((e) =>
    e.type === 'ivr_step' && e.callId === callId ? [e.nodeId] : [],
  );
}

/** Presses 1 (Chinese) and then `choice` at the main menu; resolves when the call is queued. */
export async function toQueue(stack: Stack, callId: string, choice = '0'): Promise<void> {
  stack.sim.control.pressKeys(callId, '1');
  await untilHeard(stack, callId, 'sound:cc/main-menu');
  stack.sim.control.pressKeys(callId, choice);
  await until(`${callId} to be queued or offered`, async () => {
    const rec = await stack.server.telephony.service.call(callId);
    return rec && rec.state !== 'ivr' ? rec : null;
  });
}

/** The interaction row of a call once `ready` says it has what the test needs. */
export function interactionOf(
  stack: Stack,
  callId: string,
  ready: (
    row: NonNullable<Awaited<ReturnType<Stack['crm']['interactions']['findByCallId']>>>,
  ) => boolean,
) {
  return until(`interaction row of ${callId}`, async () => {
    const row = await stack.crm.interactions.findByCallId(callId);
    return row && ready(row) ? row : null;
  });
}

/** The agent's phone leg of a call (the channel the call layer originated). */
export async function agentLeg(stack: Stack, callId: string): Promise<string> {
  return until(`agent leg of ${callId}`, async () => {
    const rec = await stack.server.telephony.service.call(callId);
    return rec?.offer?.channelId ?? rec?.agent?.channelId ?? null;
  });
}

/** A GET on the simulator's ARI, as the server sees it. */
export async function ariGet(stack: Stack, path: string): Promise<unknown> {
  const auth = Buffer.from(`${stack.config.ARI_USERNAME}:${stack.config.ARI_PASSWORD}`).toString(
    'base64',
  );
  const res = await fetch(`${stack.sim.url}/ari${path}`, {
    headers: { authorization: `Basic ${auth}` },
  });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return res.json();
}

/** A POST on the simulator's ARI (e.g. an originate, as the outbound workers do). */
export async function ariPost(stack: Stack, path: string): Promise<unknown> {
  const auth = Buffer.from(`${stack.config.ARI_USERNAME}:${stack.config.ARI_PASSWORD}`).toString(
    'base64',
  );
  const res = await fetch(`${stack.sim.url}/ari${path}`, {
    method: 'POST',
    headers: { authorization: `Basic ${auth}` },
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** ARI's "2026-11-22T22:58:08.993+0000" in ms. */
export function ariTime(t: string): number {
  return Date.parse(t.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}

/** Waits `ms` of the stack's (sped-up) telephony time. */
export async function simSleep(stack: Stack, ms: number): Promise<void> {
  const until = stack.clock.now() + ms;
  while (stack.clock.now() < until) await new Promise((r) => setTimeout(r, 5));
}

/** A login session token for a demo user (password from the CRM's demo seed). */
export async function loginToken(stack: Stack, username: string): Promise<string> {
  const res = await fetch(`${stack.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** Length in ms of a mono 16-bit 8 kHz WAV file. */
export function wavMs(file: Buffer): number {
  const byteRate = file.readUInt32LE(28);
  let offset = 12;
  while (offset + 8 <= file.length) {
    const id = file.toString('ascii', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    if (id === 'data') return Math.round((size / byteRate) * 1000);
    offset += 8 + size;
  }
  throw new Error('no data chunk');
}

/** Logs agents out of the ACD once their calls have let them (wrap-up, not on a call). */
export async function logoutAll(stack: Stack, agentIds: Iterable<string>): Promise<void> {
  for (const id of agentIds) {
    await until(`agent ${id} to log out`, () =>
      stack.server.telephony.acd.logoutAgent(id).then(
        () => true,
        (err: { code?: string }) => (err.code === 'unknown_agent' ? true : null),
      ),
    );
  }
}

/** A CRM customer with one phone and one account (self-service, payments); answers its id. */
export async function customerWithAccount(
  stack: Stack,
  name: string,
  phone: string,
  account: { accountNumber: string; balance: string; dueDate?: string },
): Promise<number> {
  const created = await stack.crm.customers.create({
    name,
    phones: [{ number: phone }],
    force: true,
  });
  if (created.status !== 'created') throw new Error('customer not created');
  await stack.crm.accounts.create(created.customer.id, account);
  return created.customer.id;
}
