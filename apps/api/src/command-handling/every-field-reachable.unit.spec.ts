import { everyCommandReach as reach } from './every-command-reach.fixtures';

/** The paths of `fields` that `data` leaves unset. */
function unset(fields: object, data: unknown, path = ''): string[] {
  return Object.entries(fields).flatMap(([key, field]: [string, true | object]) => {
    const value = (data as Record<string, unknown> | undefined)?.[key];
    if (field !== true && 'notAnInput' in field) return value === undefined ? [] : [`${path}${key} (set, though no input)`];
    if (value === undefined) return [`${path}${key}`];
    if (field === true || 'setBy' in field) return [];
    const items = Array.isArray(value) ? value : [value];
    return items.length === 0 ? [`${path}${key}[]`] : items.flatMap((item) => unset(field, item, `${path}${key}.`));
  });
}

/**
 * Every field of every domain command can be set from outside: through its HTTP request (sent with
 * every optional field, so the request class must accept each) or by the scheduler. A field the
 * caller does not send says where it comes from instead (`setBy`), or why no caller sets it (`notAnInput`). `now`, on every command, is the
 * clock's, stamped by AccountCommandService.handle (AccountCommandInput has no `now`).
 */
describe('every field of every domain command', () => {
  it.each(Object.entries(reach).filter(([type]) => type !== 'ErasePersonalData'))('%s: each field can be set', async (type, { fields, made }) => {
    const produced = await Promise.all(made.map(async (make) => (await make()).filter((command) => command.type === type)));
    expect(produced.length).toBeGreaterThan(0);
    for (const commands of produced) expect(commands).not.toHaveLength(0);
    const unsetByEach = produced.flat().map((command) => unset(fields, command.data));
    const unsetByAll = unsetByEach.reduce((left, unsetHere) => left.filter((path) => unsetHere.includes(path)));
    expect(unsetByAll).toEqual([]);
  });

  it('erases personal data with a command that has no fields: the erasure route sends it to each of the debtor’s accounts', () => {
    expect(reach.ErasePersonalData).toEqual({ fields: {}, made: [] });
  });
});
