export * from './notifications/file-notification.sender';
export * from './notifications/notification.port';
export * from './notifications/smtp-notification.sender';
export * from './notifications/templates';
export * from './outbox/outbox-dispatcher';
export * from './scheduler.module';
export * from './timeline/scheduler-settings';
export * from './timeline/timeline-scheduler';
