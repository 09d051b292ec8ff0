import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { contactChannels, overLimitPolicies } from '@arrears/domain';
import { agingBucketProperty, CallStatusResponse, ClaimResponse } from '../read-side/contact.responses';
import { expectedRecoveryProperty, ExpectedRecoveryResponse, ScoreExplanationResponse, scoreProperty } from '../read-side/score.responses';

const minorUnits = (description = 'Minor units of the account’s currency.') => ({ type: 'integer', description }) as const;
const date = (description?: string) => ({ type: String, format: 'date', ...(description && { description }) }) as const;

class PostalAddressResponse {
  @ApiProperty({ type: [String] }) lines!: string[];
  @ApiProperty() city!: string;
  @ApiPropertyOptional() region?: string;
  @ApiPropertyOptional() postalCode?: string;
  @ApiProperty({ example: 'US', description: 'ISO 3166-1 alpha-2.' }) country!: string;
}

class DebtorResponse {
  @ApiProperty({ example: 'D-100', description: 'The creditor’s own reference for the debtor.' }) reference!: string;
  @ApiPropertyOptional({ description: 'Absent once the personal data is erased.' }) name?: string;
  @ApiProperty({ example: 'America/New_York' }) timeZone!: string;
  @ApiPropertyOptional({ type: [String] }) otherTimeZones?: string[];
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional({ example: '+15551234567' }) phone?: string;
  @ApiPropertyOptional() address?: PostalAddressResponse;
  @ApiPropertyOptional({ example: 'en' }) language?: string;
  @ApiPropertyOptional({ enum: [true], description: 'The personal fields are gone for good.' }) personalDataErased?: true;
}

class BalancesResponse {
  @ApiProperty(minorUnits('Everything still owed, fees included.')) total!: number;
  @ApiProperty(minorUnits('Owed on invoices past their due date.')) overdue!: number;
  @ApiProperty(minorUnits('Overpaid money not yet used by an invoice.')) credit!: number;
}

/** A step that fell due while a plan, dispute or hold was in force, waiting for it to end. */
const stepDeferral: SchemaObject = {
  type: 'object',
  required: ['reason', 'dueOn'],
  properties: {
    reason: { type: 'string', enum: ['plan', 'dispute', 'original_creditor_request', 'hold', 'validation_period', 'validation_notice'] },
    dueOn: { type: 'string', format: 'date', description: 'The step’s own date.' },
  },
};

class InvoiceTimelineResponse {
  @ApiProperty() strategyId!: string;
  @ApiProperty({ enum: ['champion', 'challenger'] }) arm!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', enum: ['taken', 'skipped'] },
    description: 'Steps that fell due, by step id: taken or skipped.',
  })
  steps!: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: stepDeferral, description: 'Steps waiting for a pause to end.' })
  deferred!: Record<string, { reason: string; dueOn: string }>;
  @ApiProperty({ ...date('When the next step falls due; null when none is left.'), nullable: true }) nextStepOn!: string | null;
}

class InvoiceResponse {
  @ApiProperty() invoiceId!: string;
  @ApiProperty(minorUnits()) amount!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty(date()) issuedOn!: string;
  @ApiProperty(date()) dueOn!: string;
  @ApiProperty(minorUnits()) paid!: number;
  @ApiProperty(minorUnits('Taken off for paying early.')) discounted!: number;
  @ApiProperty(minorUnits()) lateFees!: number;
  @ApiProperty(minorUnits('Still owed on it.')) outstanding!: number;
  @ApiProperty({ type: 'integer' }) daysPastDue!: number;
  @ApiProperty(agingBucketProperty) agingBucket!: string;
  @ApiProperty({ description: 'A payment was recorded missed (grace over).' }) missed!: boolean;
  @ApiProperty({ type: InvoiceTimelineResponse, nullable: true, description: 'Its collection timeline; null until the scheduler starts it.' })
  timeline!: InvoiceTimelineResponse | null;
}

class InstallmentResponse {
  @ApiProperty({ type: 'integer', description: '1-based, in due-date order.' }) number!: number;
  @ApiProperty(date()) dueOn!: string;
  @ApiProperty(minorUnits()) amount!: number;
  @ApiProperty(minorUnits()) paid!: number;
  @ApiProperty() missed!: boolean;
}

class PlanResponse {
  @ApiProperty() planId!: string;
  @ApiProperty({ type: [String] }) coveredInvoiceIds!: string[];
  @ApiProperty({ type: [InstallmentResponse] }) installments!: InstallmentResponse[];
}

class LastPaymentResponse {
  @ApiProperty() paymentId!: string;
  @ApiProperty(minorUnits()) amount!: number;
  @ApiProperty() currency!: string;
  @ApiProperty(date()) receivedOn!: string;
  @ApiProperty({ example: 'card' }) method!: string;
}

class PromiseResponse {
  @ApiProperty() promiseId!: string;
  @ApiProperty(minorUnits()) amount!: number;
  @ApiProperty(date()) dueOn!: string;
  @ApiProperty({ type: 'integer' }) graceDays!: number;
  @ApiProperty(date()) madeOn!: string;
  @ApiProperty(minorUnits('Received from the promise’s day up to its due date plus grace.')) paid!: number;
  @ApiProperty({ enum: ['open', 'kept', 'broken'] }) status!: string;
}

class DisputeResponse {
  @ApiProperty() disputeId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The invoice disputed; null: the account as a whole.' }) invoiceId!: string | null;
  @ApiProperty(minorUnits()) amount!: number;
  @ApiProperty({ enum: ['open', 'upheld', 'rejected'] }) status!: string;
  @ApiProperty({ description: 'False for a late dispute the creditor’s policy only records.' }) pausesCollection!: boolean;
  @ApiProperty({ format: 'date', example: '2026-02-10', description: 'The business date it was raised.' }) raisedOn!: string;
}

class HoldResponse {
  @ApiProperty() holdId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty(date('Its last day.')) until!: string;
  @ApiProperty({ description: 'Not released.' }) active!: boolean;
  @ApiProperty({ description: 'Active and not past its last day, today for the debtor.' }) inForce!: boolean;
}

class RestrictionsResponse {
  @ApiProperty({ description: 'The debtor asked that communication cease.' }) ceaseRequested!: boolean;
  @ApiProperty({ type: [String], enum: contactChannels }) blockedChannels!: string[];
  @ApiProperty() hardship!: boolean;
}

class ValidationNoticeResponse {
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
  @ApiProperty(date('The last day of the validation period.')) periodEndsOn!: string;
  @ApiPropertyOptional(date('When the debtor is taken to have received it.')) receivedOn?: string;
}

class TimeBarResponse {
  @ApiProperty() timeBarred!: boolean;
  @ApiProperty({ ...date('The first day an open debt was time-barred; null while none is.'), nullable: true }) since!: string | null;
  @ApiProperty({ description: 'What is sent must say the debt is time-barred.' }) disclosureRequired!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'US-NY', description: 'The state whose statute applies (ISO 3166-2).' }) jurisdiction!: string | null;
}

class SettlementResponse {
  @ApiProperty() settlementId!: string;
  @ApiProperty(minorUnits('What the debtor pays.')) amount!: number;
  @ApiProperty(date()) dueOn!: string;
  @ApiProperty(minorUnits('What it settles.')) settles!: number;
  @ApiProperty(minorUnits('Received since it was agreed.')) paid!: number;
}

class AgencyPlacementResponse {
  @ApiProperty() agencyId!: string;
  @ApiProperty(date()) placedOn!: string;
}

class LegalEscalationResponse {
  @ApiProperty(date()) escalatedOn!: string;
}

class CreditLimitResponse {
  @ApiProperty(minorUnits('The most the account may owe.')) amount!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ enum: overLimitPolicies, description: 'What an invoice past the limit does.' }) overLimit!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The longest terms allowed (days from issue to due date); null: any.' }) maxTermDays!:
    number | null;
}

class DebtorCreditLimitResponse {
  @ApiProperty(minorUnits('The most the debtor may owe on all their accounts with the creditor together.')) amount!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ enum: overLimitPolicies, description: 'What an invoice past the limit does.' }) overLimit!: string;
}

class CreditApprovalResponse {
  @ApiProperty() invoiceId!: string;
  @ApiProperty(minorUnits('The limit when it was issued.')) limit!: number;
  @ApiProperty(minorUnits('What the account owed with it.')) exposure!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
}

class CreditReportResponse {
  @ApiProperty({ example: 'Experian' }) bureau!: string;
  @ApiProperty({ type: 'integer', example: 640 }) score!: number;
  @ApiProperty({ type: 'integer', example: 300, description: 'The worst score of the bureau’s scale.' }) scaleMin!: number;
  @ApiProperty({ type: 'integer', example: 850, description: 'The best score of the bureau’s scale.' }) scaleMax!: number;
  @ApiProperty(date('The date of the report.')) reportedOn!: string;
}

class CreditStandingResponse {
  @ApiProperty({ type: CreditLimitResponse, nullable: true, description: 'The credit policy in force; null: no limit.' }) limit!: CreditLimitResponse | null;
  @ApiProperty({
    type: DebtorCreditLimitResponse,
    nullable: true,
    description: 'The debtor’s credit policy across their accounts with the creditor, as this account holds it; null: none.',
  })
  debtorLimit!: DebtorCreditLimitResponse | null;
  @ApiProperty(minorUnits('What the account owes: open invoices’ balances, late fees in.')) exposure!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The limit less the exposure (negative past it); null without a limit.' }) headroom!:
    number | null;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'What the debtor owes across their accounts with the creditor in their limit’s currency, this one’s included (minor units); null without a debtor’s limit, or in a past state.',
  })
  debtorExposure!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The debtor’s limit less their exposure (negative past it); null when debtorExposure is.' })
  debtorHeadroom!: number | null;
  @ApiProperty({ type: [CreditApprovalResponse], description: 'Invoices accepted past the limit, waiting for a supervisor’s decision.' })
  pendingApprovals!: CreditApprovalResponse[];
  @ApiProperty({ type: CreditReportResponse, nullable: true, description: 'The latest credit report by its date; null: none, or erased.' })
  latestReport!: CreditReportResponse | null;
}

/** The account as a reader gets it, without the instant it was worked out for (an audit names its own cut). */
export class AccountStateResponse {
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ example: 'cred-1' }) creditorId!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty() debtor!: DebtorResponse;
  @ApiProperty({ type: String, nullable: true, example: 'USD', description: 'Fixed by the first invoice or payment.' }) currency!: string | null;
  @ApiProperty() balances!: BalancesResponse;
  @ApiProperty({ type: 'integer', description: 'Of the oldest open invoice.' }) daysPastDue!: number;
  @ApiProperty(agingBucketProperty) agingBucket!: string;
  @ApiProperty({ type: [InvoiceResponse] }) invoices!: InvoiceResponse[];
  @ApiProperty({ type: PlanResponse, nullable: true }) activePlan!: PlanResponse | null;
  @ApiProperty({ type: LastPaymentResponse, nullable: true }) lastPayment!: LastPaymentResponse | null;
  @ApiProperty({ type: [PromiseResponse] }) promises!: PromiseResponse[];
  @ApiProperty({ type: [DisputeResponse] }) disputes!: DisputeResponse[];
  @ApiProperty({ type: [HoldResponse] }) holds!: HoldResponse[];
  @ApiProperty() restrictions!: RestrictionsResponse;
  @ApiProperty({ type: ValidationNoticeResponse, nullable: true }) validationNotice!: ValidationNoticeResponse | null;
  @ApiProperty({ description: 'Whether a call is allowed now, and if not why and from when.' }) contact!: CallStatusResponse;
  @ApiProperty() timeBar!: TimeBarResponse;
  @ApiProperty(scoreProperty) propensity!: ScoreExplanationResponse | null;
  @ApiProperty(expectedRecoveryProperty) expectedRecovery!: ExpectedRecoveryResponse | null;
  @ApiProperty({ type: SettlementResponse, nullable: true }) settlement!: SettlementResponse | null;
  @ApiProperty({ type: AgencyPlacementResponse, nullable: true }) agency!: AgencyPlacementResponse | null;
  @ApiProperty({ type: LegalEscalationResponse, nullable: true }) legal!: LegalEscalationResponse | null;
  @ApiProperty({ type: String, nullable: true, description: 'The agent the account is assigned to; who claims it now is `claim`.' }) assignedAgentId!:
    string | null;
  @ApiProperty({ type: ClaimResponse, nullable: true }) claim!: ClaimResponse | null;
  @ApiProperty({ description: 'The credit limit, exposure and headroom, invoices waiting for approval, the latest credit report.' })
  creditStanding!: CreditStandingResponse;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: 'integer', description: 'The global position of the last event folded in.' }) position!: number;
}

/** The account read model, with what depends on the day worked out for `asOf` (now). */
export class AccountResponse extends AccountStateResponse {
  @ApiProperty({ format: 'date-time', description: 'The instant days past due, holds in force and contact rules were worked out for.' }) asOf!: string;
}
