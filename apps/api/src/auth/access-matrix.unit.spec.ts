import { callerRoles } from '@arrears/commands';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { everyAccountCommand } from '../account-commands';
import { accessMatrix, accessTo, publicRoute } from './access-matrix';

describe('the access matrix', () => {
  it('is the table the README shows, row for row', () => {
    const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');
    const isMatrixRow = (marks: string[]) => marks.length === callerRoles.length && marks.every((mark) => ['', '✓', 'public'].includes(mark));
    const access = (marks: string[]) => (marks.every((mark) => mark === 'public') ? publicRoute : callerRoles.filter((_, i) => marks[i] === '✓'));
    const inReadme = [...readme.matchAll(/^\| `((?:GET|POST) [^`]+)` \|(.*)\|$/gm)]
      .map(([, route, cells]) => [route, (cells as string).split('|').map((cell) => cell.trim())] as const)
      .filter(([, marks]) => isMatrixRow(marks))
      .map(([route, marks]) => [route, access(marks)]);
    const byRoleOrder = (allowed: (typeof accessMatrix)[string]) => (allowed === publicRoute ? allowed : callerRoles.filter((role) => allowed.includes(role)));
    expect(Object.fromEntries(inReadme)).toEqual(Object.fromEntries(Object.entries(accessMatrix).map(([route, allowed]) => [route, byRoleOrder(allowed)])));
  });

  it('gives each command route the roles its declaration names, each route declared once', () => {
    const routes = everyAccountCommand.map(({ route }) => route);
    expect(new Set(routes).size).toBe(routes.length);
    for (const { route, roles } of everyAccountCommand) expect(accessMatrix[route]).toBe(roles);
  });

  it('lets auditors and analysts write nothing', () => {
    const writes = Object.entries(accessMatrix).filter(([route]) => route.startsWith('POST '));
    for (const [, access] of writes) expect(access).not.toEqual(expect.arrayContaining(['auditor']));
    for (const [, access] of writes) expect(access).not.toEqual(expect.arrayContaining(['analyst']));
  });

  it('knows nothing of a route it does not list', () => {
    expect(accessTo('DELETE', '/accounts/:accountId')).toBeUndefined();
  });
});
