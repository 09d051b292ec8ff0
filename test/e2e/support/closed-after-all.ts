/**
 * Closes, after all the spec file's tests, what its set-up made, newest first. Each resource is
 * registered as it is made, so a set-up that fails half-way still closes what it got to make, and
 * nothing it did not.
 */
export function closedAfterAll(): <Resource>(resource: Resource, close: (resource: Resource) => Promise<unknown>) => Resource {
  const closers: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });
  return (resource, close) => {
    closers.push(() => close(resource));
    return resource;
  };
}
