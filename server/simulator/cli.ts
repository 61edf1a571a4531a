/** `npm run simulator -- [options]`: the simulator on its own (demos, the end-to-end suite).
 *  Prints its URL and one line per API request unless --quiet; stops on SIGINT/SIGTERM. */
import {
  DEFAULT_SIMULATOR_API_KEY,
  parseSimulatorArgs,
  simulatorHelp,
  SimulatorOptionsError,
  wantsHelp,
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
  if (options.quiet) console.log(sim.url);
  else {
    const key =
      options.apiKey === DEFAULT_SIMULATOR_API_KEY
        ? `key: ${DEFAULT_SIMULATOR_API_KEY} (the default)`
        : 'key: the one given by --api-key / SIMULATOR_API_KEY';
    console.log(
      [
        `Nanonets Agents API simulator listening on ${sim.url}`,
        `  API: ${sim.url}/api/v1  (${key})`,
        `  control: ${sim.url}/__sim/health · time scale ${options.timeScale}×`,
        options.seed === undefined
          ? `  data lives in memory only; ids are new on every start (--seed ${sim.options.seed} repeats this world)`
          : `  data lives in memory only; seed ${sim.options.seed}: the same ids on every start`,
      ].join('\n'),
    );
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
  if ((err as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE') {
    console.error('The simulator port is in use. Pick another with --port N (0: any free port).');
  } else {
    console.error('The simulator failed to start:', err);
  }
  process.exitCode = 1;
});
