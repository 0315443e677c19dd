import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startPbxSimulator } from './index.js';

/**
 * `npm run simulator -- [options]`: a PBX that speaks ARI, for trying the product without
 * Asterisk. Point the server at it with ARI_URL / ARI_USERNAME / ARI_PASSWORD.
 */
const HELP = `Usage: npm run simulator -- [options]
  --port <n>              TCP port (default 8088)
  --host <addr>           address to listen on (default 127.0.0.1)
  --user <name>           ARI user (default asterisk; or PBX_SIM_USER)
  --password <secret>     ARI password (default asterisk; or PBX_SIM_PASSWORD)
  --speed <factor>        run simulated time faster than real time (default 1)
  --recordings <dir>      where recordings are stored (default: a temporary folder)
  --dialplan <file>       extensions.conf to run (default telephony/asterisk/extensions.conf)
  --sounds <dir>          Asterisk-style sounds folder, e.g. ./data/sounds from npm run prompts
                          (default ./data/sounds when it exists): prompts play for their length
  --sound <name=ms>       a prompt and its length, e.g. cc/welcome=3200 (repeatable)
  --missing-unknown       sounds not listed with --sound fail as missing files
  --ring-ms <ms>          how long dialled phones ring before answering (default 2000)
  --help`;

function fail(message: string): never {
  console.error(`pbx-simulator: ${message}\n\n${HELP}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '8088' },
      host: { type: 'string', default: '127.0.0.1' },
      user: { type: 'string' },
      password: { type: 'string' },
      speed: { type: 'string', default: '1' },
      recordings: { type: 'string' },
      dialplan: { type: 'string' },
      sounds: { type: 'string' },
      sound: { type: 'string', multiple: true, default: [] },
      'missing-unknown': { type: 'boolean', default: false },
      'ring-ms': { type: 'string', default: '2000' },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be 0-65535');
const speed = Number(values.speed);
if (!(speed > 0)) fail('--speed must be a positive number');
const ringMs = Number(values['ring-ms']);
if (!(ringMs >= 0)) fail('--ring-ms must be 0 or more');
const sounds: Record<string, number> = {};
for (const s of values.sound) {
  const m = /^([^=]+)=(\d+)$/.exec(s);
  if (!m) fail(`--sound ${s}: expected name=milliseconds`);
  sounds[m[1]!] = Number(m[2]);
}
let dialplan: string | undefined;
if (values.dialplan) {
  try {
    dialplan = readFileSync(values.dialplan, 'utf8');
  } catch {
    fail(`--dialplan ${values.dialplan}: cannot read the file`);
  }
}

const soundsDir = values.sounds ?? (existsSync('./data/sounds') ? './data/sounds' : undefined);
if (values.sounds && !existsSync(values.sounds)) fail(`--sounds ${values.sounds}: no such folder`);

const sim = await startPbxSimulator({
  port,
  host: values.host,
  username: values.user ?? process.env.PBX_SIM_USER ?? 'asterisk',
  password: values.password ?? process.env.PBX_SIM_PASSWORD ?? 'asterisk',
  speed,
  ...(values.recordings ? { recordingsDir: values.recordings } : {}),
  ...(dialplan !== undefined ? { dialplan } : {}),
  sounds: {
    sounds,
    unknownSounds: values['missing-unknown'] ? 'missing' : 'default',
    ...(soundsDir ? { soundsDir } : {}),
  },
  defaultBehaviour: { delayMs: ringMs },
});

console.log(`PBX simulator listening: ARI_URL=${sim.url}`);
console.log(
  `  control API: ${sim.url}/control/state, POST ${sim.url}/control/calls {"from":"+8613800138000"}`,
);
console.log(`  recordings:  ${sim.recordingsDir}`);
if (soundsDir) console.log(`  sounds:      ${soundsDir}`);

const shutdown = () => {
  sim.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error('pbx-simulator: stop failed', err);
      process.exit(1);
    },
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
