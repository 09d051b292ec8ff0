import { answer, api } from '../api/client';
import { instant } from '../shared/format';
import { ReadView } from '../shared/read-view';
import { useRead } from '../shared/use-read';
import { useCommand } from '../shared/use-command';
import { CommandOutcome } from '../shared/command-outcome';
import { Empty } from '../shared/problem-view';

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
  const act = (id: string, how: 'retry' | 'skip') =>
    void command.send(
      async () => {
        const params = { params: { path: { parkedEventId: id } } };
        answer(
          how === 'retry' ? await api.POST('/parked-events/{parkedEventId}/retry', params) : await api.POST('/parked-events/{parkedEventId}/skip', params),
        );
      },
      how === 'retry' ? 'Applied again.' : 'Skipped.',
    );
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
                      act(event.id, 'retry');
                    }}
                  >
                    Retry
                  </button>{' '}
                  <button
                    type="button"
                    onClick={() => {
                      act(event.id, 'skip');
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
  const { read, reload } = useRead(async () => answer(await api.GET('/notifications/dead-letters')).deadLetters, []);
  const command = useCommand(reload);
  const retry = (id: string) =>
    void command.send(async () => {
      answer(await api.POST('/notifications/dead-letters/{notificationId}/retry', { params: { path: { notificationId: id } } }));
    }, 'Requeued.');
  return (
    <section aria-labelledby="dead-letters-title">
      <h2 id="dead-letters-title">Dead letters</h2>
      <CommandOutcome outcome={command.outcome} />
      <ReadView read={read}>
        {(letters) =>
          letters.length === 0 ? (
            <Empty>No notification has been given up on.</Empty>
          ) : (
            <ul className="facts">
              {letters.map((letter) => (
                <li key={letter.id}>
                  {letter.channel} to account {letter.accountId}, given up {instant(letter.deadAt)}
                  {letter.permanent && ' (permanent)'}: {letter.lastError}{' '}
                  <button
                    type="button"
                    onClick={() => {
                      retry(letter.id);
                    }}
                  >
                    Requeue
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
