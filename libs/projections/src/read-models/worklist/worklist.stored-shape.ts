import { contactSubjectOf } from '@arrears/domain';
import { structShape, type StoredShape } from '../../stored-shapes/stored-shape';
import { openedAccountTemplate } from '../account/account.stored-shape';

/**
 * The worklist line: what the contact rules read of the account slimmed against an account that has
 * just opened; the line's own fields (which the worklist filters and sorts by) kept whole.
 */
export const worklistLineShape: StoredShape = structShape({}, { contact: structShape({ ...contactSubjectOf(openedAccountTemplate) }) });
