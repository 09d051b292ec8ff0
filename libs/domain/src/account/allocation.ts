export interface Allocation {
  invoiceId: string;
  amount: number;
}
