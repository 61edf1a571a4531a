/** The key must never reach the browser: build the real app with the repository's vite.config.ts
 *  while NANONETS_API_KEY holds a unique marker, then search every emitted file for it. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterEach, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const saved = { ...process.env };
let outDir: string | undefined;

afterEach(async () => {
  process.env = { ...saved };
  if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

it('keeps NANONETS_API_KEY out of the production bundle', { timeout: 120_000 }, async () => {
  const marker = `nn_marker_${Date.now().toString(36)}_${Math.random().toString(36).slice(2)}`;
  process.env.NANONETS_API_KEY = marker;
  process.env.NANONETS_BASE_URL = `https://${marker}.example`;
  outDir = await mkdtemp(path.join(tmpdir(), 'agent-console-build-'));

  await build({
    configFile: path.join(repoRoot, 'vite.config.ts'),
    root: repoRoot,
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  });

  const files = await filesUnder(outDir);
  expect(files.some((file) => file.endsWith('.js'))).toBe(true);
  const leaking: string[] = [];
  for (const file of files) {
    if ((await readFile(file)).includes(marker)) leaking.push(path.relative(outDir, file));
  }
  expect(leaking).toEqual([]);
});
