import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/logger.js';
import { startServer, type RunningServer } from '../../../server/runtime.js';
import { loadScripts } from '../../../server/wiring/telephony.js';
import { scaledClock } from '../../../telephony/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/pg.js';
import { createTestRedis, type TestRedis } from '../../support/redis.js';
import { OPEN_HOURS, testServerConfig } from '../../support/stack.js';
import { until } from './helpers.js';

describe('npm start without ARI_URL', () => {
  let server: RunningServer;
  let db: TestDatabase;
  let redis: TestRedis;
  let dataDir: string;

  beforeAll(async () => {
    db = await createTestDatabase('tel_simmode');
    redis = createTestRedis('tel_simmode');
    dataDir = mkdtempSync(join(tmpdir(), 'cc-simmode-'));
    const config = testServerConfig(db, dataDir);
    expect(config.useSimulator).toBe(true);
    server = await startServer(config, createLogger('silent'), {
      telephony: { prefix: redis.prefix, clock: scaledClock({ speed: 20, startAt: OPEN_HOURS }) },
    });
    await server.telephony.service.whenDriving();
  });
  afterAll(async () => {
    await server?.stop();
    await redis?.drop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs against the built-in simulator on a loopback port and says so', async () => {
    const sim = server.telephony.simulator;
    expect(sim?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/api/v1/telephony/status`);
    expect(await res.json()).toEqual({ mode: 'simulator', driving: true, connected: true });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const call = await sim!.control.placeCall({ from: '+8613800138000' });
    expect(call.stasis).toBe(true);
    const rec = await until('the call stored', () => server.telephony.service.call(call.channelId));
    expect(rec.state).toBe('ivr');
    expect(rec.caller?.vip).toBe(true);
  });

  it('a broken IVR script stops the start-up with the file, the node and the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cc-badscript-'));
    try {
      const good = readFileSync(
        new URL('../../../ivr-scripts/scripts/main.yaml', import.meta.url),
        'utf8',
      );
      writeFileSync(join(dir, 'main.yaml'), good.replace('next: hours', 'next: nowhere'));
      await expect(loadScripts(dir)).rejects.toThrow(/main\.yaml \[welcome\]: .*nowhere/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
