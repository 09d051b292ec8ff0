import type { PostalAddress } from '@arrears/domain';
import type { LetterNotification, PostalRecipient } from './notification.port';

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escaped = (text: string) => text.replace(/[&<>"']/g, (character) => escapes[character] as string);

/** An address as it is written on an envelope: the street lines, then the city line, then the country. */
export function addressLines(address: PostalAddress): string[] {
  const city = [address.city, [address.region, address.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [...address.lines, city, address.country];
}

const block = (lines: string[]) => lines.map(escaped).join('<br>');

/** A letter that is addressed: only those are printed. */
export type AddressedLetter = LetterNotification & { to: PostalRecipient };

/**
 * The letter as a printable HTML page (US Letter, a double-window envelope's layout): the return
 * address at the top and the recipient's address block below it, where the windows show them; then,
 * out of the windows' sight, the sender's name and contact details, the date, the subject and the
 * body, a paragraph for each blank-line-separated part. The return block names the sender only when
 * `envelopeName` allows it (a debt collector's envelope shows its address alone, 1006.22(f)(2)).
 * Every text is escaped: a body or a name is never markup.
 */
export function letterHtml(letter: AddressedLetter, date: string): string {
  const recipient = [...(letter.to.name ? [letter.to.name] : []), ...addressLines(letter.to.address)];
  const paragraphs = letter.body
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${block(paragraph.split('\n'))}</p>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escaped(letter.subject)}</title>
<style>
@page { size: letter; margin: 0.75in; }
body { font: 11pt/1.4 Georgia, serif; color: #000; }
.return { font-size: 9pt; }
.recipient { margin-top: 0.6in; min-height: 1.1in; }
.sender { margin-top: 0.4in; font-size: 9pt; }
.date { margin-top: 0.2in; }
h1 { font-size: 12pt; margin: 0.3in 0 0.2in; }
</style>
</head>
<body>
<div class="return">${block([...(letter.envelopeName ? [letter.envelopeName] : []), ...addressLines(letter.from.address)])}</div>
<div class="recipient">${block(recipient)}</div>
<div class="sender">${block([letter.from.name, ...[letter.from.phone, letter.from.email, letter.from.website].filter((line) => line !== undefined)])}</div>
<div class="date">${escaped(date)}</div>
<h1>${escaped(letter.subject)}</h1>
${paragraphs}
<footer data-notification="${escaped(letter.id)}"></footer>
</body>
</html>
`;
}
