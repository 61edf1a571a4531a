/** `npm run test:deploy`: runs the Dockerfile's stages without a container runtime, from a clean
 *  copy, as an unprivileged user, then starts the image's CMD and checks the HEALTHCHECK, /readyz,
 *  immutable assets and a clean exit on SIGTERM. */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

const root = path.resolve(import.meta.dirname, '..');

interface Stage {
  name: string;
  dir: string;
  workdir: string;
  env: Record<string, string>;
  user: string | undefined;
  cmd: string[] | undefined;
  healthcheck: string[] | undefined;
}

/** Dockerfile lines, continuation lines joined, comments dropped. */
function instructions(text: string): { op: string; args: string }[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [op, ...rest] = line.split(/\s+/);
      return { op: op!.toUpperCase(), args: line.slice(op!.length).trim() || rest.join(' ') };
    });
}

function jsonOrShell(args: string): string[] {
  return args.startsWith('[') ? (JSON.parse(args) as string[]) : ['sh', '-c', args];
}

/** Where a path of the image lives on this machine. */
function inStage(stage: Stage, target: string): string {
  return path.join(stage.dir, path.isAbsolute(target) ? target : path.join(stage.workdir, target));
}

/** The unprivileged user `USER` names, or one this machine has; undefined when not root. */
function runAs(stage: Stage): string | undefined {
  if (stage.user === undefined || process.getuid?.() !== 0) return undefined;
  const exists = spawnSync('id', ['-u', stage.user]).status === 0;
  return exists ? stage.user : 'nobody';
}

/** `command` as `user`: setpriv execs it in place, so signals reach the command itself. */
function asUser(user: string | undefined, command: string[]): string[] {
  if (user === undefined) return command;
  const id = (flag: string) => execFileSync('id', [flag, user], { encoding: 'utf8' }).trim();
  return [
    'setpriv',
    `--reuid=${id('-u')}`,
    `--regid=${id('-g')}`,
    '--clear-groups',
    '--',
    ...command,
  ];
}

function run(stage: Stage, command: string[]): void {
  const user = runAs(stage);
  const argv = asUser(user, command);
  console.log(`  [${stage.name}] ${command.join(' ')}${user ? ` (as ${user})` : ''}`);
  execFileSync(argv[0]!, argv.slice(1), {
    cwd: inStage(stage, '.'),
    stdio: 'inherit',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...stage.env },
  });
}

/** A clean copy of the build context: the files git does not ignore (nor does `.dockerignore`). */
function buildContext(into: string): void {
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: root, encoding: 'utf8' },
  )
    .split('\0')
    .filter(Boolean);
  for (const file of files) cpSync(path.join(root, file), path.join(into, file));
}

function buildStages(work: string): Map<string, Stage> {
  const context = path.join(work, 'context');
  buildContext(context);
  const stages = new Map<string, Stage>();
  let stage: Stage | undefined;
  for (const { op, args } of instructions(readFileSync(path.join(root, 'Dockerfile'), 'utf8'))) {
    if (op === 'FROM') {
      const name = /\sAS\s+(\S+)/i.exec(args)?.[1] ?? `stage${stages.size}`;
      const dir = path.join(work, name);
      mkdirSync(dir, { recursive: true });
      stage = {
        name,
        dir,
        workdir: '/',
        env: {},
        user: undefined,
        cmd: undefined,
        healthcheck: undefined,
      };
      stages.set(name, stage);
      continue;
    }
    if (!stage) throw new Error(`${op} before FROM`);
    switch (op) {
      case 'WORKDIR':
        stage.workdir = path.posix.resolve(stage.workdir, args);
        mkdirSync(inStage(stage, '.'), { recursive: true });
        break;
      case 'ENV':
        for (const pair of args.match(/\S+=("[^"]*"|\S+)/g) ?? []) {
          const [key, ...value] = pair.split('=');
          stage.env[key!] = value.join('=').replace(/^"|"$/g, '');
        }
        break;
      case 'COPY': {
        const parts = args.split(/\s+/);
        const from = parts[0]!.startsWith('--from=') ? parts.shift()!.slice(7) : undefined;
        const dest = parts.pop()!;
        for (const source of parts) {
          const origin = from ? inStage(stages.get(from)!, source) : path.join(context, source);
          const target = dest.endsWith('/')
            ? path.join(inStage(stage, dest), path.basename(source))
            : inStage(stage, dest);
          cpSync(origin, source === '.' ? inStage(stage, dest) : target, { recursive: true });
        }
        break;
      }
      case 'RUN':
        // `--mount=type=cache` keeps npm's cache out of the image; here npm uses its usual one.
        run(stage, ['sh', '-c', args.replace(/^(--\S+\s+)+/, '')]);
        break;
      case 'USER':
        stage.user = args;
        // What the image's user may read: its files, and the directories leading to them.
        for (let dir = inStage(stage, '.'); dir.startsWith(work); dir = path.dirname(dir)) {
          chmodSync(dir, 0o755);
        }
        break;
      case 'CMD':
        stage.cmd = jsonOrShell(args);
        break;
      case 'HEALTHCHECK':
        stage.healthcheck = jsonOrShell(args.replace(/^(--\S+\s+)*CMD\s+/, ''));
        break;
      case 'EXPOSE':
        break;
      default:
        throw new Error(`check-deploy does not know the Dockerfile instruction ${op}`);
    }
  }
  return stages;
}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`check-deploy: ${message}`);
  console.log(`  ok: ${message}`);
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'agent-console-deploy-'));
  try {
    console.log('Running the Dockerfile steps on a clean copy…');
    const stages = buildStages(work);
    const image = [...stages.values()].at(-1)!;
    check(image.cmd, 'the image has a CMD');
    check(!existsIn(image, 'node_modules/vite'), 'the image holds production dependencies only');

    // As the image would run, but on loopback: a test server never listens beyond this machine.
    const port = await freePort();
    image.env = { ...image.env, HOST: '127.0.0.1', PORT: String(port), NANONETS_API_KEY: '' };
    const user = runAs(image);
    const argv = asUser(user, image.cmd);
    console.log(`  [${image.name}] CMD ${image.cmd.join(' ')}${user ? ` (as ${user})` : ''}`);
    const server = spawn(argv[0]!, argv.slice(1), {
      cwd: inStage(image, '.'),
      env: { PATH: process.env.PATH, HOME: image.dir, ...image.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let logs = '';
    server.stdout.on('data', (chunk: Buffer) => (logs += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 60_000;
    while (
      !(await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() > deadline) throw new Error('check-deploy: the server did not start in 60 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (image.healthcheck) {
      const health = spawnSync(image.healthcheck[0]!, image.healthcheck.slice(1), {
        env: { PATH: process.env.PATH, ...image.env },
      });
      check(health.status === 0, 'the HEALTHCHECK command passes');
    }
    const ready = await fetch(`${base}/readyz`);
    check(ready.status === 200, '/readyz: the built-in simulator answers');
    const page = await (await fetch(`${base}/`)).text();
    check(!page.includes('/@vite/client'), 'the page is the built app, not the dev server');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1];
    const asset = script
      ? await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'br' } })
      : undefined;
    check(
      asset?.headers.get('cache-control') === 'public, max-age=31536000, immutable',
      'hashed assets are cached for a year (immutable)',
    );
    check(asset?.headers.get('content-encoding') === 'br', 'assets are served precompressed');
    server.kill('SIGTERM');
    check((await exited) === 0, 'SIGTERM stops the server cleanly');
    const lines = logs.trim().split('\n').filter(Boolean);
    check(
      lines.length > 0 && lines.every((line) => typeof JSON.parse(line) === 'object'),
      `request logs are JSON lines (${lines.length})`,
    );
    await checkNpmStart([...stages.values()][0]!);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Waits for `/healthz`, or fails when the server exits or takes over 90 s (a build included). */
async function healthy(base: string, exited: Promise<number | null>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 90_000;
  while (
    !(await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (gone) throw new Error('check-deploy: the server exited before it answered');
    if (Date.now() > deadline) throw new Error('check-deploy: the server did not start in 90 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The README's `npm start` in the build stage's clean copy with `dist/` gone: it builds, then serves. */
async function checkNpmStart(build: Stage): Promise<void> {
  rmSync(inStage(build, 'dist'), { recursive: true, force: true });
  const port = await freePort();
  console.log(`  [${build.name}] npm start (no dist/ yet)`);
  const server = spawn('npm', ['start'], {
    cwd: inStage(build, '.'),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      PORT: String(port),
      NANONETS_API_KEY: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
  try {
    const base = `http://127.0.0.1:${port}`;
    await healthy(base, exited);
    const page = await (await fetch(`${base}/`)).text();
    check(
      /src="\/assets\/index-[^"]+\.js"/.test(page) && !page.includes('/@vite/client'),
      'npm start on a fresh copy builds, then serves the built app',
    );
  } finally {
    process.kill(-server.pid!, 'SIGTERM');
    await exited;
  }
}

function existsIn(stage: Stage, target: string): boolean {
  return spawnSync('test', ['-e', inStage(stage, target)]).status === 0;
}

await main();
