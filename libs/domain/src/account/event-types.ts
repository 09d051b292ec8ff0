/**
 * A capability's list of its event types (readers subscribe by type), refused at compile time unless
 * it names every type of the capability's union: `eventTypesOf<PaymentsEvent>()(['PaymentReceived', …])`.
 */
export const eventTypesOf =
  <Event extends { type: string }>() =>
  <const Types extends readonly Event['type'][]>(types: Types & ([Exclude<Event['type'], Types[number]>] extends [never] ? unknown : never)): Types =>
    types;
