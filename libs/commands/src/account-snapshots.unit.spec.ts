import { createHash } from 'node:crypto';
import { accountEventTypes, accountFoldVersion, evolve, initialAccountState, type AccountEvent } from '@arrears/domain';
import { everyEventHistory as history } from '../../domain/src/account/every-event.fixtures';

const fold = (events: AccountEvent[], from = initialAccountState()) => events.reduce(evolve, from);

describe('a snapshot of the folded account', () => {
  it('folds on, once read back from its JSON, as the account itself does, wherever the history is cut', () => {
    for (let cut = 0; cut <= history.length; cut++) {
      const readBack = JSON.parse(JSON.stringify(fold(history.slice(0, cut)))) as ReturnType<typeof fold>;
      expect(fold(history.slice(cut), readBack)).toEqual(fold(history));
    }
  });
});

describe('the fold version snapshots are kept under', () => {
  // Snapshots folded by one version of the fold are read back by the next release, so no release may build
  // on a snapshot its own fold would not have made. The digest covers the state after each event of a
  // history holding every event type. If it changes while the history did not, the fold changed: raise
  // accountFoldVersion (account.state.ts) with the new digest. If only the history changed (an event type
  // added to it), check that the previous release's fold gives the new digest too, and change the digest
  // alone. A change only to a branch this history never takes, or to an evolver that keeps nothing of its
  // event here, does not show: it needs the version raised by hand.
  it('names the states this history folds through', () => {
    const digest = createHash('sha256');
    history.reduce((state, event) => {
      const next = evolve(state, event);
      digest.update(JSON.stringify(next)).update('\n');
      return next;
    }, initialAccountState());
    expect({ accountFoldVersion, digest: digest.digest('hex') }).toEqual({
      accountFoldVersion: 3,
      digest: 'd7bd623ad2d15cacc2accfe64154ab40512bd2f94f882453167b79ac5e6a7149',
    });
  });

  it('folds a history that holds every account event type', () => {
    const held = new Set(history.map((event) => event.type));
    expect(accountEventTypes.filter((type) => !held.has(type))).toEqual([]);
  });
});
