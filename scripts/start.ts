/** `npm start`: builds the app when `dist/` is missing or older than its sources, then starts the
 *  production server (`server/app/main.ts`). */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_INPUTS = [
  'src',
  'public',
  'index.html',
  'vite.config.ts',
  'tailwind.config.ts',
  'package.json',
];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(target).reduce(
    (newest, name) => Math.max(newest, newestMtime(path.join(target, name))),
    stats.mtimeMs,
  );
}

const distDir = process.env.CONSOLE_DIST_DIR?.trim() || path.join(root, 'dist');
const builtAt = newestMtime(path.join(distDir, 'index.html'));
const changedAt = Math.max(...BUILD_INPUTS.map((name) => newestMtime(path.join(root, name))));
if (builtAt === 0 || (changedAt > builtAt && existsSync(path.join(root, 'src')))) {
  process.stderr.write(
    builtAt === 0 ? 'Building the app (first start)…\n' : 'Sources changed: rebuilding the app…\n',
  );
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', distDir], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    process.stderr.write(
      'The build failed. Development dependencies are needed to build: run `npm install`, then `npm start` again.\n',
    );
    process.exit(build.status ?? 1);
  }
}

const { main } = await import('../server/app/main');
await main({ ...process.env, CONSOLE_DIST_DIR: distDir });
