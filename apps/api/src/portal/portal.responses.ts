import { ApiProperty } from '@nestjs/swagger';

const int = (description?: string) => ApiProperty({ type: 'integer', ...(description && { description }) });
const date = () => ApiProperty({ format: 'date', example: '2026-04-30' });
const nullable = (type: new () => object) => ApiProperty({ type, nullable: true });

class PortalParty {
  @ApiProperty() name!: string;
}
class PortalCollector {
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) website!: string | null;
}
class PortalBalance {
  @int('All that is owed, fees included and discounts taken off (minor units).') total!: number;
  @int('What of it is past due.') overdue!: number;
}
class PortalInvoice {
  @ApiProperty() invoiceId!: string;
  @date() issuedOn!: string;
  @date() dueOn!: string;
  @int() amount!: number;
  @int() lateFees!: number;
  @int() discounted!: number;
  @int() paid!: number;
  @int('Taken off without payment: an upheld dispute, a write-off, a settlement’s remainder.') adjusted!: number;
  @int() outstanding!: number;
}
class PortalPayment {
  @ApiProperty() paymentId!: string;
  @int() amount!: number;
  @date() receivedOn!: string;
  @ApiProperty() method!: string;
  @int('Taken back of it since: refunded, or charged back.') reversed!: number;
}
class PortalFee {
  @ApiProperty() invoiceId!: string;
  @int() amount!: number;
  @date() on!: string;
}
class PortalDiscount {
  @ApiProperty() invoiceId!: string;
  @int() amount!: number;
  @ApiProperty() percent!: number;
}
class PortalPromise {
  @ApiProperty() promiseId!: string;
  @int() amount!: number;
  @date() dueOn!: string;
}
class PortalInstallment {
  @int() number!: number;
  @date() dueOn!: string;
  @int() amount!: number;
  @int() paid!: number;
}
class PortalPlan {
  @ApiProperty() planId!: string;
  @ApiProperty({ type: [PortalInstallment] }) installments!: PortalInstallment[];
}
class PortalSettlement {
  @ApiProperty() settlementId!: string;
  @int() amount!: number;
  @int('Received towards it since it was agreed.') paid!: number;
  @date() dueOn!: string;
}
class PortalSettlementOffer {
  @ApiProperty() offerId!: string;
  @int() amount!: number;
  @date() dueOn!: string;
  @date() expiresOn!: string;
}
class PortalOfferedInstallment {
  @date() dueOn!: string;
  @int() amount!: number;
}
class PortalPlanOffer {
  @int() installmentCount!: number;
  @ApiProperty({ type: [PortalOfferedInstallment], description: 'They add up exactly to the balance.' }) installments!: PortalOfferedInstallment[];
}
class PortalDispute {
  @ApiProperty() disputeId!: string;
  @ApiProperty({ type: String, nullable: true }) invoiceId!: string | null;
  @ApiProperty({ enum: ['open', 'upheld', 'rejected'] }) status!: string;
}
class PortalItemization {
  @date() itemizationDate!: string;
  @int() amountOnItemizationDate!: number;
  @int() interest!: number;
  @int() fees!: number;
  @int() payments!: number;
  @int() credits!: number;
  @int() currentAmount!: number;
  @ApiProperty() currency!: string;
}
class PortalValidation {
  @date() periodEndsOn!: string;
  @nullable(PortalItemization) itemization!: PortalItemization | null;
}
class PortalContactTime {
  @ApiProperty({ example: '18:00' }) from!: string;
  @ApiProperty({ example: '20:30' }) to!: string;
}

export class PortalAccountResponse {
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty({ example: 'en' }) language!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ type: PortalParty }) creditor!: PortalParty;
  @ApiProperty({ type: PortalCollector }) collector!: PortalCollector;
  @ApiProperty({ type: PortalBalance }) balance!: PortalBalance;
  @int('What the debtor is asked to pay now: the rest of the plan’s next installment, or of the settlement, or all that is owed.')
  dueNow!: number;
  @ApiProperty({ type: [PortalInvoice] }) invoices!: PortalInvoice[];
  @ApiProperty({ type: [PortalPayment] }) payments!: PortalPayment[];
  @ApiProperty({ type: [PortalFee] }) fees!: PortalFee[];
  @ApiProperty({ type: [PortalDiscount] }) discounts!: PortalDiscount[];
  @nullable(PortalPromise) promise!: PortalPromise | null;
  @nullable(PortalPlan) plan!: PortalPlan | null;
  @nullable(PortalSettlement) settlement!: PortalSettlement | null;
  @ApiProperty({ type: [PortalSettlementOffer] }) settlementOffers!: PortalSettlementOffer[];
  @ApiProperty({ type: [PortalPlanOffer], description: 'The plans the creditor offers for the whole balance today.' }) planOffers!: PortalPlanOffer[];
  @ApiProperty({ type: [PortalDispute] }) disputes!: PortalDispute[];
  @nullable(PortalValidation) validation!: PortalValidation | null;
  @ApiProperty({ type: [String], enum: ['call', 'sms', 'email', 'letter', 'visit'] }) blockedChannels!: string[];
  @nullable(PortalContactTime) preferredContactTime!: PortalContactTime | null;
}
