import type { AppConfig } from '@arrears/platform';
import { openSimulationTools } from './simulation-tools';
import type { SimulationOptions, SimulationReport } from './simulation-report';
import { Simulation } from './simulator';

/** Runs a simulation on the stores `config` names, and closes them. */
export async function runSimulation(config: AppConfig, options: SimulationOptions): Promise<SimulationReport> {
  const tools = await openSimulationTools(config, new Date(`${options.start}T12:00:00Z`));
  try {
    return await new Simulation(options, tools).run();
  } finally {
    await tools.close();
  }
}
