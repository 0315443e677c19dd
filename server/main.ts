import { DEMO_PASSWORD } from '../crm-core/index.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { demoOptions } from './demo-traffic.js';
import { startServer } from './runtime.js';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(`configuration error: ${err.message}`);
    process.exit(1);
  }
  throw err;
}

const logger = createLogger(config.LOG_LEVEL);
try {
  const server = await startServer(config, logger, demoOptions(process.argv));
  logger.info({ url: server.url }, 'contact center listening');
  // A line for the person who typed `npm start`, outside the structured log. The demo password is
  // the public one from the README, never a real secret.
  const pbx = config.useSimulator ? 'the built-in PBX simulator (no ARI_URL)' : config.ARI_URL;
  const demo =
    config.NODE_ENV === 'production'
      ? ''
      : `\n  demo logins: agent1..agent4, supervisor, admin (password ${DEMO_PASSWORD})`;
  process.stdout.write(`\nConsole: ${server.url}/\n  telephony: ${pbx}${demo}\n\n`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (err) {
  console.error(`start-up failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
