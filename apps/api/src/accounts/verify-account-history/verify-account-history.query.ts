export class VerifyAccountHistoryQuery {
  constructor(readonly accountId: string) {}
}
