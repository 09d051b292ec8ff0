import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class TeamAgentLine {
  @ApiProperty({ example: 'agent-7' }) agentId!: string;
  @ApiProperty({ type: 'integer', description: 'Accounts the agent holds an unexpired claim on now.' }) claimedNow!: number;
  @ApiProperty({ type: 'integer', description: 'Open accounts assigned to the agent.' }) assigned!: number;
  @ApiProperty({ type: 'integer', description: 'Contacts the agent logged on the day (calls, e-mails, texts, letters; inbound too).' }) contacts!: number;
  @ApiProperty({ type: 'integer', description: 'Promises to pay the agent took on the day.' }) promisesTaken!: number;
  @ApiProperty({ type: 'integer', description: 'Promises the agent took (any day) that were kept on the day.' }) promisesKept!: number;
  @ApiProperty({ type: 'integer', description: 'Promises the agent took (any day) that were broken on the day.' }) promisesBroken!: number;
}

export class TeamView {
  @ApiProperty({ example: 'cred-1' }) creditorId!: string;
  @ApiProperty({ format: 'date', description: 'The business day the day’s figures are for.' }) date!: string;
  @ApiProperty({ example: 'America/New_York', description: 'The creditor’s reporting zone, in which the day is reckoned.' }) timeZone!: string;
  @ApiProperty({ format: 'date-time', description: 'The instant claims are reckoned at.' }) asOf!: string;
  @ApiProperty({ type: [TeamAgentLine], description: 'Every agent with a claim, an assignment or activity on the day, by agent id.' })
  agents!: TeamAgentLine[];
}

export class ReassignOutcome {
  @ApiProperty({ example: 'acc-1' }) accountId!: string;
  @ApiProperty({ type: 'integer', example: 200, description: 'What POST /accounts/:accountId/assign would have answered.' }) status!: number;
  @ApiPropertyOptional({ type: 'integer', description: 'The stream’s revision after the assignment (when assigned).' }) revision?: number;
  @ApiPropertyOptional({ type: 'integer', description: 'The position of the assignment (when assigned).' }) position?: number;
  @ApiPropertyOptional({ example: 'ALREADY_ASSIGNED', description: 'Why the account was not assigned (when refused).' }) code?: string;
  @ApiPropertyOptional({ description: 'The refusal, in words.' }) detail?: string;
}

export class ReassignResponse {
  @ApiProperty({ example: 'agent-7' }) agentId!: string;
  @ApiProperty({ type: [ReassignOutcome], description: 'One per account, in the order asked.' }) results!: ReassignOutcome[];
  @ApiProperty({ type: 'integer', nullable: true, description: 'The last position written: pass it as minPosition to GET /team; null when nothing was.' })
  position!: number | null;
}
