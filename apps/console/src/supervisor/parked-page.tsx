import { answer, api } from '../api/client';
import { ApiProblem } from '../api/problem';
import type { DeadLetter } from '../api/schemas';
import { instant } from '../shared/format';
import { ReadView } from '../shared/read-view';
import { useRead } from '../shared/use-read';
import { useCommand } from '../shared/use-command';
import { CommandOutcome } from '../shared/command-outcome';
import { Empty } from '../shared/problem-view';
import { ShowMore, usePages, type Page } from '../shared/pages';

/** Events a projection could not apply, and notifications the outbox gave up on: each retried (or skipped) by a supervisor. */
export function ParkedPage() {
  return (
    <section aria-labelledby="parked-title">
      <h1 id="parked-title">Parked events and dead letters</h1>
      <ParkedEvents />
      <DeadLetters />
    </section>
  );
}

function ParkedEvents() {
  const { read, reload } = useRead(async () => answer(await api.GET('/parked-events')).parkedEvents, []);
  const command = useCommand(reload);
  const retry = (parkedEventId: string) =>
    void command.send(async () => {
      const parked = answer(await api.POST('/parked-events/{parkedEventId}/retry', { params: { path: { parkedEventId } } }));
      if (parked.status === 'resolved') return;
      // Answered 200, yet the projection failed again: the event stays parked, with the new error.
      reload();
      throw new ApiProblem({ status: 200, title: 'Still parked', detail: `Retried, and it failed again: ${parked.error}` });
    }, 'Applied again.');
  const skip = (parkedEventId: string) =>
    void command.send(async () => {
      answer(await api.POST('/parked-events/{parkedEventId}/skip', { params: { path: { parkedEventId } } }));
    }, 'Skipped.');
  return (
    <section aria-labelledby="parked-events-title">
      <h2 id="parked-events-title">Parked events</h2>
      <CommandOutcome outcome={command.outcome} />
      <ReadView read={read}>
        {(parked) =>
          parked.length === 0 ? (
            <Empty>No parked event: every projection is applying every event.</Empty>
          ) : (
            <ul className="facts">
              {parked.map((event) => (
                <li key={event.id}>
                  <strong>{event.eventType}</strong> at {event.position} in {event.projection} ({event.streamId}): {event.error}{' '}
                  <button
                    type="button"
                    onClick={() => {
                      retry(event.id);
                    }}
                  >
                    Retry
                  </button>{' '}
                  <button
                    type="button"
                    onClick={() => {
                      skip(event.id);
                    }}
                  >
                    Skip
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </ReadView>
    </section>
  );
}

function DeadLetters() {
  const { read, reload } = useRead(() => deadLetters(), []);
  const command = useCommand(reload);
  const retry = (id: string) =>
    void command.send(async () => {
      answer(await api.POST('/notifications/dead-letters/{notificationId}/retry', { params: { path: { notificationId: id } } }));
    }, 'Requeued.');
  return (
    <section aria-labelledby="dead-letters-title">
      <h2 id="dead-letters-title">Dead letters</h2>
      <CommandOutcome outcome={command.outcome} />
      <ReadView read={read}>{(first) => <DeadLetterPages first={first} onRetry={retry} />}</ReadView>
    </section>
  );
}

function DeadLetterPages({ first, onRetry }: { first: Page<DeadLetter>; onRetry: (id: string) => void }) {
  const pages = usePages(first, deadLetters);
  if (pages.items.length === 0) return <Empty>No notification has been given up on.</Empty>;
  return (
    <>
      <ul className="facts">
        {pages.items.map((letter) => (
          <li key={letter.id}>
            {letter.channel} to account {letter.accountId}, given up {instant(letter.deadAt)}
            {letter.permanent && ' (permanent)'}: {letter.lastError}{' '}
            <button
              type="button"
              onClick={() => {
                onRetry(letter.id);
              }}
            >
              Requeue
            </button>
          </li>
        ))}
      </ul>
      <ShowMore pages={pages} label="Show more" />
    </>
  );
}

async function deadLetters(cursor?: string): Promise<Page<DeadLetter>> {
  const page = answer(await api.GET('/notifications/dead-letters', { params: { query: { ...(cursor && { cursor }) } } }));
  return { items: page.deadLetters, nextCursor: page.nextCursor };
}
