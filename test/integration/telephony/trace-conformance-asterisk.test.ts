import { describe, expect, it } from 'vitest';
import { AriClientPort, GONE } from '../../../telephony/index.js';
import { AriCaller } from '../../conformance/caller-sides.js';
import { runInboundCallScenario } from '../../conformance/inbound-call.js';
import { memoryLogger } from './helpers.js';

// Runs only against a real Asterisk 20/22: see test/conformance/README.md for what it needs.
const url = process.env.ARI_URL;
const username = process.env.ARI_USERNAME ?? 'contact-center';
const password = process.env.ARI_PASSWORD ?? '';
const app = process.env.ARI_APP ?? 'contact-center';
const title = url
  ? `a real Asterisk at ${url}`
  : 'a real Asterisk (skipped: set ARI_URL, ARI_USERNAME, ARI_PASSWORD to run)';

describe.skipIf(!url)(title, () => {
  it(
    'replays the recorded exchange with the same events, fields and replies',
    { timeout: 60_000 },
    async () => {
      const report = await runInboundCallScenario({
        url: url!,
        username,
        password,
        app,
        caller: new AriCaller(url!, username, password),
        speed: 1,
        eventTimeoutMs: 10_000,
      });
      expect(report.length).toBeGreaterThan(40);
    },
  );

  it('connects the ARI port, answers ping, and treats a gone channel and a bogus endpoint as the simulator does', async () => {
    const port = new AriClientPort({
      url: url!,
      username,
      password,
      app,
      logger: memoryLogger().logger,
    });
    const up = new Promise<void>((resolve) => port.onConnected(() => resolve()));
    port.start();
    try {
      await up;
      expect((await port.ping()).asteriskId).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
      expect(await port.hangup('no-such-channel')).toBe(GONE);
      expect(await port.getChannel('no-such-channel')).toBeUndefined();
      await expect(port.originate({ endpoint: 'Bogus/123' })).rejects.toMatchObject({
        code: 'allocation-failed',
      });
      expect((await port.getApplication()).name).toBe(app);
    } finally {
      await port.stop();
    }
  });
});
