import type { Evolvers } from '../account/capability';
import type { NoticesEvent } from './notices.events';

/** A notice changes nothing the rules read: it is a record of what was said. */
export const noticesEvolvers: Evolvers<NoticesEvent> = {
  NoticeSent: (account) => account,
};
