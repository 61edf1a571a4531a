/** Starts the production server from the environment (`npm start` after its build check; the
 *  container's command): refuses unsafe settings, prints where it listens, drains on SIGTERM. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readServerConfig } from './config';
import { startConsoleServer } from './server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let config;
  try {
    config = readServerConfig(env, {
      distDir: path.join(root, 'dist'),
      isTTY: process.stdout.isTTY === true,
    });
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    process.stderr.write(`Agent Console: ${error.message}\n`);
    process.exit(1);
  }
  const running = await startConsoleServer(config, env).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    process.stderr.write(
      `Agent Console: ${config.host}:${config.port} is in use. Stop what listens there, or choose another port with PORT=….\n`,
    );
    process.exit(1);
  });
  const notes = [
    `Agent Console is serving ${config.distDir} at ${running.url}`,
    `  backend: ${running.backend.summary}`,
    `  sign-in: ${describeAuth(config.auth)}`,
    ...running.backend.warnings.map((warning) => `  note: ${warning}`),
    ...(running.backend.kind === 'builtin-simulator'
      ? [
          '  the simulator keeps its tasks in memory: they are gone when this process stops',
          env.SIMULATOR_SEED?.trim()
            ? `  task ids repeat on every start (SIMULATOR_SEED=${env.SIMULATOR_SEED.trim()})`
            : '  task ids are new on every start; SIMULATOR_SEED=42 npm start keeps a fixed world',
        ]
      : []),
    ...(config.logRequests
      ? []
      : ['  request logs: off on a terminal (CONSOLE_LOG=json turns them on)']),
  ];
  process.stderr.write(`${notes.join('\n')}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`Agent Console: ${signal}, finishing requests in flight…\n`);
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function describeAuth(auth: ReturnType<typeof readServerConfig>['auth']): string {
  switch (auth.mode) {
    case 'none':
      return 'off (anyone who can reach this address can use the console)';
    case 'header':
      return `the ${auth.header} header set by the proxy in front`;
    case 'password':
      return auth.secretIsEphemeral
        ? 'password (sessions end when this process stops: set CONSOLE_SESSION_SECRET to keep them)'
        : 'password';
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
