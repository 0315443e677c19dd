// Runs before `npm start`: builds the console (agent-ui/dist) when it is missing or older than
// its sources, so that a fresh clone serves the console with no separate build step.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const built = 'agent-ui/dist/index.html';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (!existsSync(built) || newest('agent-ui/src') > statSync(built).mtimeMs) {
  process.stderr.write('Building the agent console (vite build)...\n');
  execSync('npx vite build --config agent-ui/vite.config.ts --logLevel warn', { stdio: 'inherit' });
}
