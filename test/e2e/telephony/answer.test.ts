/**
 * Who answers an inbound call: the sample dialplan answers before Stasis(), so the first prompt
 * needs no ARI round trip; a dialplan that enters Stasis() unanswered still gets the call
 * answered by the app before its first prompt.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../support/stack.js';
import { placeCall, untilHeard } from './helpers.js';

let stack: Stack | undefined;

afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

/** The caller's channel as the PBX sees it once the welcome prompt is playing. */
async function welcomed(s: Stack, from: string) {
  const callId = await placeCall(s, from);
  await untilHeard(s, callId, 'sound:cc/welcome');
  const ch = s.sim.control.state().channels.find((c) => c.id === callId);
  return { callId, ch };
}

describe('answering an inbound call', () => {
  it('the sample dialplan answers before Stasis(): the call arrives up and hears the welcome', async () => {
    stack = await startStack('tel_answer_dialplan');
    const { ch } = await welcomed(stack, '+8613911170001');
    expect(ch?.state).toBe('Up');
  });

  it('a call that reaches the app unanswered is answered by the app before the first prompt', async () => {
    const sample = readFileSync(
      new URL('../../../telephony/asterisk/extensions.conf', import.meta.url),
      'utf8',
    );
    const unanswered = sample.replace(/^ same => n,Answer\(\)\n/m, '');
    expect(unanswered).not.toBe(sample);
    stack = await startStack('tel_answer_app', { dialplan: unanswered });
    const { ch } = await welcomed(stack, '+8613911170002');
    expect(ch?.state).toBe('Up');
  });
});
