import type { components } from './openapi';

/**
 * Names for the document's schemas that the console's components take as props; the calls themselves are
 * typed through the generated `paths` (openapi.d.ts, written by `npm run build` from the document).
 */
type Schemas = components['schemas'];

export type AccountRead = Schemas['AccountResponse'];
export type PaymentPlan = Schemas['PlanResponse'];
/** The account replayed at a cut: as an AccountRead, with the cut (`asOf` or `asAt`) and its revision. */
export type AccountAsOf = Schemas['AccountStateAsOfResponse'];
export type WorklistItem = Schemas['WorklistItemResponse'];
export type HistoryEntry = Schemas['AuditEntryResponse'];
export type ChainVerification = Schemas['HistoryVerification'];
export type KpiCurrency = Schemas['KpiCurrencyResponse'];
export type ContactRules = Schemas['ContactStatus'];
export type DeadLetter = Schemas['DeadLetterResponse'];
export type SearchHit = Schemas['AccountSearchResponse']['items'][number];
export type DevToken = Schemas['DevTokenResponse'];
export type ReassignResponse = Schemas['ReassignResponse'];
export type IdentityProvider = Schemas['IdentityProviderOption'];
export type SignInOptions = Schemas['SignInOptionsResponse'];
export type ScoreExplanation = Schemas['ScoreExplanationResponse'];
export type ExpectedRecovery = Schemas['ExpectedRecoveryResponse'];
