export class GetAccountQuery {
  constructor(
    readonly accountId: string,
    readonly minPosition: string | undefined,
  ) {}
}
