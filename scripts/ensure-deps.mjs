// Runs before `npm start` and `npm test` so that both work from a fresh clone:
// installs the locked dependencies when node_modules is missing or older than the lock file.
// Plain Node with no dependencies, because it runs before any are installed.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const lock = 'package-lock.json';
const marker = 'node_modules/.package-lock.json';
const stale =
  !existsSync(marker) ||
  (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
if (stale) {
  process.stderr.write('Installing dependencies (npm ci)...\n');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
