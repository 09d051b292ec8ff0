import type { MessageChannel } from './notices.templates';

/**
 * Where a message's opt-out link goes. The domain holds no key, so it writes this marker; the write
 * path replaces it with a signed link to `GET /opt-out/:token` before it seals the message.
 */
export const optOutLinkMarker = '{{optOutUrl}}';
/** The path the signed link opens: short, since it goes into texts too. */
export const optOutPath = '/opt-out/';
/** Where a message's link to the debtor's portal goes: the write path replaces it with a signed, expiring link. */
export const portalLinkMarker = '{{portalUrl}}';
/** The portal's page; the link's token follows in the fragment, which is never sent to a server. */
export const portalPath = '/portal/#link=';

/** The sentences the law makes a message say, per language; a message in another language says them in English. */
export interface Phrases {
  /** 1006.18(e)(1): the initial communication says it is from a debt collector, attempting to collect a debt, and what information is for. */
  initialDisclosure: string;
  /** 1006.18(e)(2): every later communication says it is from a debt collector. */
  laterDisclosure: string;
  /** 1006.6(e): a clear and conspicuous statement of a reasonable and simple way to opt out of this medium, per channel. */
  optOut: Record<Extract<MessageChannel, 'email' | 'sms'>, string>;
  /** The model form's prompts (1006.34(c)(4)): how to dispute, and how to ask for the original creditor. */
  disputePrompt: string;
  originalCreditorPrompt: string;
  /** How a remedy notice names its remedy: one that may be invoked (1006.6(c)(2)(ii)), or will be ((iii)). */
  remedyPossible: string;
  remedyIntended: string;
}

export const phrases: Record<string, Phrases> = {
  en: {
    initialDisclosure:
      'This communication is from a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose.',
    laterDisclosure: 'This communication is from a debt collector.',
    optOut: {
      email: `To stop e-mails from us to this address, open this link: ${optOutLinkMarker}`,
      sms: `Stop texts: ${optOutLinkMarker}`,
    },
    disputePrompt: 'I want to dispute the debt',
    originalCreditorPrompt: 'name and address of the original creditor',
    remedyPossible: 'we or the creditor may invoke this remedy, which we ordinarily invoke:',
    remedyIntended: 'we or the creditor intend to invoke this remedy:',
  },
  es: {
    initialDisclosure:
      'Esta comunicación proviene de un cobrador de deudas. Este es un intento de cobrar una deuda y cualquier información obtenida se utilizará con ese fin.',
    laterDisclosure: 'Esta comunicación proviene de un cobrador de deudas.',
    optOut: {
      email: `Para no recibir más correos nuestros en esta dirección, abra este enlace: ${optOutLinkMarker}`,
      sms: `No más SMS: ${optOutLinkMarker}`,
    },
    disputePrompt: 'Quiero disputar la deuda',
    originalCreditorPrompt: 'nombre y la dirección del acreedor original',
    remedyPossible: 'nosotros o el acreedor podemos ejercer este recurso, que ejercemos habitualmente:',
    remedyIntended: 'nosotros o el acreedor tenemos la intención de ejercer este recurso:',
  },
};

export const phrasesIn = (language: string): Phrases => phrases[language] ?? (phrases.en as Phrases);
