/** The three pure functions an aggregate is made of. */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

interface CodedError {
  code: string;
}

/**
 * Given/when/then for deciders, so a test reads as a specification:
 * `given([opened]).when(issue).then([issued])` or `.thenThrows('ACCOUNT_CLOSED')`.
 */
export function deciderSpecification<Command, Event, State>(decider: Decider<Command, Event, State>) {
  return {
    given(events: Event[]) {
      return {
        when(command: Command) {
          const run = () =>
            decider.decide(
              command,
              events.reduce((state, event) => decider.evolve(state, event), decider.initialState()),
            );
          return {
            then(expected: Event[]): void {
              expect(run()).toEqual(expected);
            },
            thenThrows(code: string, details?: Record<string, unknown>): void {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toMatchObject({ code });
              if (details) expect((thrown as CodedError & { details: unknown }).details).toMatchObject(details);
            },
            thenNothingHappened(): void {
              expect(run()).toEqual([]);
            },
          };
        },
      };
    },
  };
}
