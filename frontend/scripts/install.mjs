// `npm ci` from the lock file, unless node_modules already holds exactly that lock file's install: a clean
// clone (and CI) always installs; a developer's second build does not spend half a minute reinstalling.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`frontend: Node ${process.versions.node} is too old; the build needs Node 20.19 or newer.`);
  process.exit(1);
}
const lock = fs.readFileSync('package-lock.json');
const digest = createHash('sha256').update(lock).update(process.versions.node).digest('hex');
const stamp = 'node_modules/.installed-from-lock';
if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest) {
  console.log('frontend: node_modules is up to date with package-lock.json');
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  fs.writeFileSync(stamp, digest);
}
