import type { BusinessTimes } from '../account/capability';
import type { TimelineEvent } from './timeline.events';

/** When each timeline fact happened (see BusinessTime): a reminder when it went out. */
export const timelineBusinessTimes: BusinessTimes<TimelineEvent> = {
  CollectionTimelineStarted: () => 'command',
  CollectionStepTaken: () => 'command',
  CollectionStepSkipped: () => 'command',
  CollectionStepDeferred: () => 'command',
  ReminderSent: (event) => ({ instant: event.data.sentAt }),
};
