import { MongoDBContainer, type StartedMongoDBContainer } from '@testcontainers/mongodb';
import { getContainerRuntimeClient } from 'testcontainers';

/**
 * Finds out once per run whether testcontainers can reach a container runtime (Docker, Podman…).
 * Suites that need one read the answer from the environment and report themselves skipped, with the
 * reason, when there is none.
 */
export async function detectContainerRuntime(): Promise<void> {
  try {
    await getContainerRuntimeClient();
    delete process.env.ARREARS_NO_CONTAINER_RUNTIME;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.env.ARREARS_NO_CONTAINER_RUNTIME = reason;
    console.warn(`\nContainer suites (EventStoreDB, MongoDB) will be SKIPPED: no container runtime found (${reason}).\n`);
  }
}

/** Why container suites cannot run here, or undefined when they can. */
export const missingContainerRuntime = (): string | undefined => process.env.ARREARS_NO_CONTAINER_RUNTIME;

/**
 * Registers the suite when a container runtime exists; otherwise registers it as skipped, naming the
 * reason (the global setup has said so on the console too), so it is never mistaken for a pass.
 */
export function describeWithContainers(name: string, suite: () => void): void {
  const missing = missingContainerRuntime();
  if (!missing) {
    describe(name, suite);
    return;
  }
  describe(name, () => {
    it.skip(`skipped: no container runtime found (${missing})`, () => undefined);
  });
}

/**
 * A suite against MongoDB's official image in a container, as a single-node replica set (the module
 * starts one), so transactions work; `url()` answers once the container is up.
 */
export function describeWithMongo(name: string, suite: (url: () => string) => void): void {
  describeWithContainers(name, () => {
    let container: StartedMongoDBContainer | undefined;
    let url = '';
    beforeAll(async () => {
      container = await new MongoDBContainer('mongo:7.0').start();
      url = `${container.getConnectionString()}/arrears?directConnection=true`;
    }, 300_000);
    afterAll(async () => {
      await container?.stop();
    });
    suite(() => url);
  });
}
