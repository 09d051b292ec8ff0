export class GetAccountEventsQuery {
  constructor(readonly accountId: string) {}
}
