/**
 * What happens to an event a projection cannot apply: parked and skipped (`skip`: a model that only
 * lists facts); parked with its stream held, the stream's later events parked behind it until a
 * supervisor resolves it, every other stream going on (`quarantine`: a model that folds each stream);
 * or parked and the whole projection stopped (`stop`).
 */
export type PoisonPolicy = 'skip' | 'stop' | 'quarantine';
