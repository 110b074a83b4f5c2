/**
 * The fleet simulator (docs/simulation.md):
 *
 *   npm run simulate -- --viewers 200 --seconds 60 --scenario cdn-outage [--baseline] [--out report.json]
 *
 * `--scenario all` runs every scenario in turn; `--compare` runs each one resilient and baseline.
 * Each run starts its own stack and edges. Prints the table; `--out` writes the JSON report (one
 * object for one run, an array for several).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runSimulation, type SimulationReport } from '../simulator/fleetRun';
import { formatTable } from '../simulator/report';
import { isScenario, SCENARIOS, type ScenarioName } from '../simulator/scenarios';

const USAGE = `usage: npm run simulate -- [--viewers 200] [--seconds 60] [--scenario ${SCENARIOS.join('|')}|all]
       [--baseline | --compare] [--segment-seconds 4] [--speed 6] [--payload-scale 0.005] [--seed 42]
       [--prefetch on|off] [--out FILE]`;

function parse() {
  const { values } = parseArgs({
    options: {
      viewers: { type: 'string', default: '200' },
      seconds: { type: 'string', default: '60' },
      scenario: { type: 'string', default: 'calm' },
      baseline: { type: 'boolean', default: false },
      compare: { type: 'boolean', default: false },
      'segment-seconds': { type: 'string', default: '4' },
      speed: { type: 'string', default: '6' },
      'payload-scale': { type: 'string', default: '0.005' },
      seed: { type: 'string', default: '42' },
      prefetch: { type: 'string', default: 'on' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const problems: string[] = [];
  const number = (name: keyof typeof values, check: (value: number) => boolean, rule: string) => {
    const value = Number(values[name]);
    if (!check(value)) problems.push(`--${name} must be ${rule}`);
    return value;
  };
  const settings = {
    viewers: number('viewers', (v) => Number.isInteger(v) && v > 0, 'a positive integer'),
    seconds: number('seconds', (v) => v >= 10, 'at least 10'),
    segmentSeconds: number('segment-seconds', (v) => v > 0, 'positive'),
    speed: number('speed', (v) => v > 0, 'positive'),
    payloadScale: number('payload-scale', (v) => v > 0 && v <= 1, 'in (0, 1]'),
    seed: number('seed', Number.isInteger, 'an integer'),
    prefetch: values.prefetch === 'on',
  };
  const scenario = values.scenario!;
  if (scenario !== 'all' && !isScenario(scenario))
    problems.push(`--scenario must be one of ${SCENARIOS.join(', ')}, all`);
  if (values.baseline && values.compare) problems.push('--baseline and --compare exclude each other');
  if (values.prefetch !== 'on' && values.prefetch !== 'off') problems.push('--prefetch must be on or off');
  if (problems.length) {
    console.error(`${problems.join('\n')}\n${USAGE}`);
    process.exit(2);
  }
  const scenarios: ScenarioName[] = scenario === 'all' ? [...SCENARIOS] : [scenario as ScenarioName];
  const modes = values.compare ? [false, true] : [values.baseline!];
  return {
    settings,
    runs: scenarios.flatMap((name) => modes.map((baseline) => ({ scenario: name, baseline }))),
    out: values.out,
  };
}

async function main() {
  const { settings, runs, out } = parse();
  const reports: SimulationReport[] = [];
  for (const run of runs) {
    console.log(
      `\n${run.scenario} (${run.baseline ? 'baseline' : 'resilient'}): ${settings.viewers} viewers, ${settings.seconds} s`,
    );
    const report = await runSimulation({ ...settings, ...run, log: (line) => console.log(line) });
    reports.push(report);
    console.log(
      `  done in ${report.run.wallSeconds} s; event-loop delay p99 ${report.run.eventLoopDelayP99Ms} ms` +
        `; start failures ${JSON.stringify(report.startFailureReasons)}; stops ${JSON.stringify(report.stopReasons)}`,
    );
    if (out)
      writeFileSync(
        out,
        JSON.stringify(reports.length === 1 && runs.length === 1 ? report : reports, null, 2),
      );
  }
  console.log(`\n${formatTable(reports)}`);
  // Players' outboxes may still be retrying end-of-session reports against a stack that is gone.
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
