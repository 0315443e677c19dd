// Runs before `npm start` and `npm test` so that both work from a fresh clone:
// installs the locked dependencies when node_modules is missing or older than the lock file.
// Plain Node with no dependencies, because it runs before any are installed.
import { execSync } from 'node:child_process';
import { existsSync, lstatSync, statSync } from 'node:fs';

const lock = 'package-lock.json';
const marker = 'node_modules/.package-lock.json';
const stale =
  !existsSync(marker) ||
  (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
// A symlinked node_modules (git worktrees sharing one install) is someone else's to update:
// `npm ci` would empty the shared folder through the link.
const shared = existsSync('node_modules') && lstatSync('node_modules').isSymbolicLink();
if (stale && shared) {
  process.stderr.write('node_modules is a symlink to a shared install: not reinstalling.\n');
} else if (stale) {
  process.stderr.write('Installing dependencies (npm ci)...\n');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}
