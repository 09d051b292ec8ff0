import type { OptOut } from '@arrears/commands';

const medium = { email: { name: 'e-mails', to: 'at this address' }, sms: { name: 'text messages', to: 'at this number' } } as const;

const page = (title: string, body: string) =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>\n`;

/**
 * The page an opt-out link opens. It changes nothing: mail scanners and link previews open links on
 * their own, so the debtor confirms with a button (a POST to the same address).
 */
export function confirmationPage({ channel }: Pick<OptOut, 'channel'>): string {
  const { name, to } = medium[channel];
  return page(
    `Stop ${name} from us?`,
    `<p>Press the button to stop receiving ${name} about this account ${to}. Nothing changes until you press it.</p><form method="post"><button type="submit">Stop ${name}</button></form>`,
  );
}

/** The page once the medium is blocked, whether by this request or an earlier one. */
export function optedOutPage({ channel }: Pick<OptOut, 'channel'>): string {
  const { name, to } = medium[channel];
  return page('Done', `<p>We will not send ${name} about this account ${to} any more. You can still reach us by the other ways we gave you.</p>`);
}
