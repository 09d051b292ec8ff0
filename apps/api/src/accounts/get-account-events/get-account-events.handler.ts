import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import { accountStream, notFound } from '@arrears/domain';
import { EVENT_STORE, type EventMetadata, type EventStore } from '@arrears/event-store';
import { GetAccountEventsQuery } from './get-account-events.query';

export class AccountEventResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'InvoiceIssued' }) type!: string;
  @ApiProperty({ example: 1, description: 'Position in the account stream, from 0.' }) revision!: number;
  @ApiProperty({ example: 42, description: 'Position in the whole log.' }) position!: number;
  @ApiProperty({ type: Object }) data!: Record<string, unknown>;
  @ApiProperty({ type: Object, description: 'correlationId, causationId, actor, occurredAt, recordedAt, schemaVersion, creditorId' })
  metadata!: EventMetadata;
}

export class AccountEventsResponse {
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ example: 3, description: 'The current revision (also the ETag).' }) revision!: number;
  @ApiProperty({ type: [AccountEventResponse] }) events!: AccountEventResponse[];
}

/** The raw account stream, read from the event store, in order. */
@QueryHandler(GetAccountEventsQuery)
export class GetAccountEventsHandler implements IQueryHandler<GetAccountEventsQuery, AccountEventsResponse> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ accountId }: GetAccountEventsQuery): Promise<AccountEventsResponse> {
    const recorded = await this.store.readStream(accountStream(accountId));
    if (recorded.length === 0) throw notFound('ACCOUNT_NOT_FOUND', `Account ${accountId} does not exist.`, { accountId });
    const events = recorded.map(({ id, type, revision, position, data, metadata }) => ({
      id,
      type,
      revision: Number(revision),
      position: Number(position),
      data,
      metadata,
    }));
    return { accountId, revision: events.length - 1, events };
  }
}
