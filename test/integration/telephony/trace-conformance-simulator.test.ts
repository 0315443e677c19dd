import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPbxSimulator, type PbxSimulator } from '../../../telephony/simulator/index.js';
import { AriCaller, SimulatorCaller } from '../../conformance/caller-sides.js';
import { runInboundCallScenario } from '../../conformance/inbound-call.js';

// The dialplan the trace was recorded with: from-pstn reaches Stasis at priority 2; the agent's
// Local channel answers by itself.
const TRACE_DIALPLAN = `
[from-pstn]
exten => _X.,1,NoOp(inbound)
 same => n,Stasis(contact-center)
 same => n,Hangup()
[agents]
exten => _X.,1,Answer()
 same => n,Wait(3600)
`;

describe('ari-client against the simulator, replaying the recorded Asterisk 22 exchange', () => {
  let sim: PbxSimulator;
  // Real time: the agent leg's Answer() waits at most 500 ms for the bridge, as on Asterisk.
  const speed = 1;

  beforeAll(async () => {
    sim = await startPbxSimulator({
      username: 'contact-center',
      password: 'secret',
      speed,
      dialplan: TRACE_DIALPLAN,
      sounds: { sounds: { 'cc/welcome': 4000 }, unknownSounds: 'missing' },
    });
  });

  afterAll(async () => {
    await sim.stop();
  });

  it('sends the same events, in the same order, with the same fields, and the same replies', async () => {
    const report = await runInboundCallScenario({
      url: sim.url,
      username: 'contact-center',
      password: 'secret',
      app: 'contact-center',
      caller: new SimulatorCaller(sim.control),
      speed,
    });
    expect(report.map((s) => s.events).flat()).toContain('RecordingFinished');
    expect(report.at(-1)).toEqual({
      step: 'Local ;2 half',
      events: [
        'ChannelCallerId',
        'ChannelConnectedLine',
        'ChannelDialplan',
        'ChannelStateChange',
        'ChannelDialplan',
        'ChannelCallerId',
        'ChannelHangupRequest',
        'ChannelHangupRequest',
        'ChannelDestroyed',
      ],
    });
  });

  it('passes the same replay when the caller is played by a second Stasis app, as on a real Asterisk', async () => {
    // This is how the Asterisk conformance run plays the caller: it checks that harness here.
    await runInboundCallScenario({
      url: sim.url,
      username: 'contact-center',
      password: 'secret',
      app: 'contact-center',
      caller: new AriCaller(sim.url, 'contact-center', 'secret'),
      speed,
    });
  });
});
