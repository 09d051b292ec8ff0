import { ApiProperty } from '@nestjs/swagger';

class LineErrorResponse {
  @ApiProperty({ type: 'integer', description: '1-based line of the file.' }) line!: number;
  @ApiProperty({ type: String, nullable: true, example: 'amount' }) field!: string | null;
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code!: string;
  @ApiProperty() reason!: string;
}

/** How far an import has come. */
export class ImportProgressResponse {
  @ApiProperty() importId!: string;
  @ApiProperty({ enum: ['running', 'done', 'failed'] }) status!: string;
  @ApiProperty({ type: 'integer' }) linesRead!: number;
  @ApiProperty({ type: 'integer' }) linesApplied!: number;
  @ApiProperty({ type: 'integer', description: 'Lines whose fact the ledger already holds (a re-run, or a run resumed).' }) linesAlreadyPresent!: number;
  @ApiProperty({ type: 'integer' }) linesRefused!: number;
  @ApiProperty({ type: 'integer' }) factsAppended!: number;
  @ApiProperty({ type: 'integer' }) bytesRead!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Null when the upload did not say its length.' }) bytesTotal!: number | null;
  @ApiProperty({ type: 'integer' }) linesPerSecond!: number;
  @ApiProperty({ type: 'integer', nullable: true }) etaSeconds!: number | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) failure!: string | null;
  @ApiProperty({ type: [LineErrorResponse], description: 'The first errors found (at most 1,000); `errorCount` counts them all.' })
  errors!: LineErrorResponse[];
  @ApiProperty({ type: 'integer' }) errorCount!: number;
}
