/**
 * `npm run simulator -- [options]`: runs the simulator on its own (demos, manual testing,
 * the end-to-end suite's webServer). Prints the URL, one line per API request unless --quiet,
 * and stops cleanly on SIGINT/SIGTERM.
 */
import {
  parseSimulatorArgs,
  simulatorHelp,
  SimulatorOptionsError,
  wantsHelp,
  DEFAULT_SIMULATOR_API_KEY,
} from './options';
import type { RequestLogEntry } from './request-log';
import { startSimulator } from './server';

function requestLine(entry: RequestLogEntry): string {
  const query = new URLSearchParams(
    Object.entries(entry.query).flatMap(([key, value]) =>
      (Array.isArray(value) ? value : [value]).map((v): [string, string] => [key, v]),
    ),
  ).toString();
  return `${entry.at} ${entry.status} ${entry.method} ${entry.path}${query ? `?${query}` : ''}`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (wantsHelp(argv)) {
    console.log(simulatorHelp());
    return;
  }
  const options = parseSimulatorArgs(argv, process.env);
  const sim = await startSimulator({
    ...options,
    ...(options.quiet ? {} : { onRequest: (entry) => console.log(requestLine(entry)) }),
  });
  if (!options.quiet) {
    const keyNote =
      options.apiKey === DEFAULT_SIMULATOR_API_KEY
        ? `key: ${DEFAULT_SIMULATOR_API_KEY} (the default)`
        : 'key: the one given by --api-key / SIMULATOR_API_KEY';
    console.log(`Nanonets Agents API simulator listening on ${sim.url}`);
    console.log(`  API: ${sim.url}/api/v1  (${keyNote})`);
    console.log(
      `  control: ${sim.url}/__sim/health · time scale ${options.timeScale}× · seed ${options.seed}`,
    );
  } else {
    console.log(sim.url);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (!options.quiet) console.log(`\n${signal} received, stopping the simulator.`);
    sim.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Error while stopping the simulator:', err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  if (err instanceof SimulatorOptionsError) {
    console.error(err.message);
    process.exitCode = 2;
    return;
  }
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') {
    console.error(
      'The simulator port is already in use. Pick another with --port N (or --port 0 for any free port).',
    );
  } else {
    console.error('The simulator failed to start:', err);
  }
  process.exitCode = 1;
});
