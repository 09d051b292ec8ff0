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
  // Snapshots folded by one version of the fold are read back by the next release: if this history now
  // folds into other states, raise accountFoldVersion (account.state.ts) with the new digest, so that no
  // release builds on a snapshot its own fold would not have made. The digest covers the state after each
  // event of a history holding every event type, so that a change to any evolver shows in it unless it
  // changes only a branch this history never takes: such a change needs the version raised by hand.
  it('names the states this history folds through', () => {
    const digest = createHash('sha256');
    history.reduce((state, event) => {
      const next = evolve(state, event);
      digest.update(JSON.stringify(next)).update('\n');
      return next;
    }, initialAccountState());
    expect({ accountFoldVersion, digest: digest.digest('hex') }).toEqual({
      accountFoldVersion: 1,
      digest: 'fc621e4ff059a869c47811d9cb7b7013b51fb9bf69422c4768fd51fe2f8fdc5f',
    });
  });

  it('folds a history that holds every account event type', () => {
    const held = new Set(history.map((event) => event.type));
    expect(accountEventTypes.filter((type) => !held.has(type))).toEqual([]);
  });
});
