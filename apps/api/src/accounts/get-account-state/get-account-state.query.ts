export class GetAccountStateQuery {
  constructor(
    readonly accountId: string,
    readonly asOf: string,
  ) {}
}
