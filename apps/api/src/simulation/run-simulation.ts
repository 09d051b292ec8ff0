import type { AppConfig } from '@arrears/platform';
import { openSimulationTools, type SimulationTools } from './simulation-tools';
import type { SimulationOptions, SimulationReport } from './simulation-report';
import { Simulation } from './simulator';

/** Runs a simulation on the stores `config` names, and closes them. */
export async function runSimulation(config: AppConfig, options: SimulationOptions): Promise<SimulationReport> {
  return simulateThen(config, options, (report) => Promise.resolve(report));
}

/** Runs a simulation on the stores `config` names, then `then` on its report and its stores still open; closes them. */
export async function simulateThen<T>(
  config: AppConfig,
  options: SimulationOptions,
  then: (report: SimulationReport, tools: SimulationTools) => Promise<T>,
): Promise<T> {
  const tools = await openSimulationTools(config, new Date(`${options.start}T12:00:00Z`));
  try {
    return await then(await new Simulation(options, tools).run(), tools);
  } finally {
    await tools.close();
  }
}
