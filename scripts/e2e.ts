/** `npm run test:e2e`: makes sure a Chromium exists (installing Debian's `chromium` as root on
 *  Debian, else printing the command) and runs Playwright with the extra arguments. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium, SYSTEM_CHROMIUM } from './browser';

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  return result.status ?? 1;
}

let choice = findChromium();
if (choice.kind === 'none') {
  const isRoot = process.getuid?.() === 0;
  const isDebian = existsSync('/etc/debian_version');
  if (isRoot && isDebian) {
    console.log('No Chromium found: installing Debian\'s "chromium" package (about 30 s)…');
    if (
      run('apt-get', ['update', '-qq']) !== 0 ||
      run('apt-get', ['install', '-y', '-qq', 'chromium']) !== 0
    ) {
      console.error(
        'Installing chromium failed. Run: apt-get update && apt-get install -y chromium',
      );
      process.exit(1);
    }
    choice = findChromium();
  }
  if (choice.kind === 'none') {
    console.error(
      [
        'No Chromium found for the end-to-end tests. Do one of:',
        '  - Debian/Ubuntu:  sudo apt-get install -y chromium   (then re-run npm test)',
        '  - anywhere:       npx playwright install chromium',
        '  - or point CHROMIUM_PATH at a Chromium/Chrome binary.',
      ].join('\n'),
    );
    process.exit(1);
  }
}

const env = { ...process.env };
if (choice.executablePath) env.CHROMIUM_PATH = choice.executablePath;
console.log(
  `End-to-end tests in ${choice.kind === 'playwright' ? "Playwright's own Chromium" : (choice.executablePath ?? SYSTEM_CHROMIUM)}`,
);
process.exit(run('npx', ['playwright', 'test', ...process.argv.slice(2)], env));
