/**
 * The PBX side of `npm run bench:telephony`, run as its child process: the simulator (ARI over
 * HTTP and WebSocket, exactly as `npm run simulator` serves it) plus the bench's load driver,
 * which reaches the simulator's control API in-process. The bench sends the driver's orders
 * (place a call, press keys, hang up) over the IPC channel, so that placing calls costs the
 * measured process almost nothing: what it measures is the call layer, not an HTTP client
 * driving the load.
 */
import { startPbxSimulator } from '../telephony/index.js';

export type PbxOrder =
  | { op: 'calls'; from: string[] }
  | { op: 'dtmf'; channelId: string; digits: string }
  | { op: 'hangup'; channelId: string }
  /** Answered with this process's CPU time since it started, in ms. */
  | { op: 'cpu' };

const [user, password, ringMs] = process.argv.slice(2);
const sim = await startPbxSimulator({
  username: user ?? 'bench',
  password: password ?? 'bench',
  sounds: { sounds: {}, unknownSounds: 'default' },
  defaultBehaviour: { delayMs: Number(ringMs ?? 200) },
  onError: () => undefined,
});

// The bench counts calls that could not be placed (they never complete).
const fail = () => {
  process.send?.({ failed: 1 });
};

process.on('message', (order: PbxOrder) => {
  try {
    switch (order.op) {
      case 'calls':
        for (const from of order.from) sim.control.placeCall({ from }).catch(fail);
        return;
      case 'dtmf':
        sim.control.pressKeys(order.channelId, order.digits);
        return;
      case 'hangup':
        sim.control.hangup(order.channelId);
        return;
      case 'cpu': {
        const u = process.cpuUsage();
        process.send?.({ cpuMs: (u.user + u.system) / 1000 });
        return;
      }
    }
  } catch {
    // A caller already gone (hung up by the call layer): nothing to drive.
  }
});
process.send?.({ url: sim.url });
process.once('SIGTERM', () => {
  void sim.stop().finally(() => process.exit(0));
});
