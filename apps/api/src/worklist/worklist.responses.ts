import { ApiProperty } from '@nestjs/swagger';
import { worklistOrders } from '@arrears/platform';
import { agingBucketProperty, CallStatusResponse, ClaimResponse } from '../read-side/contact.responses';
import { expectedRecoveryProperty, ExpectedRecoveryResponse, ScoreExplanationResponse, scoreProperty } from '../read-side/score.responses';

class ScorePartsResponse {
  @ApiProperty({ description: 'Points for the amount outstanding.' }) amount!: number;
  @ApiProperty({ description: 'Points for the days the oldest open invoice is past due.' }) age!: number;
  @ApiProperty() missedPayments!: number;
  @ApiProperty() brokenPromises!: number;
}

class ScoreResponse {
  @ApiProperty({ example: 182.5, description: 'The priority: the sum of its parts, to hundredths.' }) total!: number;
  @ApiProperty() parts!: ScorePartsResponse;
}

class NextActionResponse {
  @ApiProperty({
    enum: ['mark_payment_missed', 'assess_late_fee', 'reminder_call', 'call', 'final_notice', 'agency_or_legal_review'],
  })
  code!: string;
  @ApiProperty({ example: '45 days past due.' }) reason!: string;
}

export class WorklistItemResponse {
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ example: 'cred-1' }) creditorId!: string;
  @ApiProperty({ type: String, nullable: true, example: 'USD' }) currency!: string | null;
  @ApiProperty() score!: ScoreResponse;
  @ApiProperty({ type: 'integer', description: 'Of the oldest open invoice.' }) daysPastDue!: number;
  @ApiProperty(agingBucketProperty) agingBucket!: string;
  @ApiProperty({ type: 'integer', description: 'Minor units.' }) outstanding!: number;
  @ApiProperty({ type: 'integer', description: 'Minor units past due.' }) overdueAmount!: number;
  @ApiProperty() nextAction!: NextActionResponse;
  @ApiProperty() contact!: CallStatusResponse;
  @ApiProperty(scoreProperty) propensity!: ScoreExplanationResponse | null;
  @ApiProperty(expectedRecoveryProperty) expectedRecovery!: ExpectedRecoveryResponse | null;
  @ApiProperty({
    type: [String],
    example: ['inv-7'],
    description:
      'Invoices accepted past the credit limit and waiting for a supervisor’s decision (POST /accounts/:accountId/credit-approvals/:invoiceId); empty when none.',
  })
  pendingCreditApprovals!: string[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The agent the account is assigned to (POST /accounts/:accountId/assign, POST /team/reassign); who claims it now is `claim`.',
  })
  assignedAgentId!: string | null;
  @ApiProperty({ type: ClaimResponse, nullable: true }) claim!: ClaimResponse | null;
}

class WorklistOrderResponse {
  @ApiProperty({
    enum: worklistOrders,
    description: 'The order the lines are in: the heuristic priority score (`score`), or expected recovery (`expectedRecovery`).',
  })
  by!: string;
  @ApiProperty({ example: 'By expected recovery: overdue balance × propensity to pay × contactable now.' }) reason!: string;
}

export class WorklistResponse {
  @ApiProperty({ format: 'date-time', description: 'The instant the days and contact rules were worked out for.' }) asOf!: string;
  @ApiProperty() order!: WorklistOrderResponse;
  @ApiProperty({ type: [WorklistItemResponse] }) items!: WorklistItemResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The next page’s cursor; null at the end. A page may hold fewer lines than `limit` while more follow: lines not yet past due in their debtor’s zone are left out of it.',
  })
  nextCursor!: string | null;
}
