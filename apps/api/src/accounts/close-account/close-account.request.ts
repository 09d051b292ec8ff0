import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class CloseAccountRequest {
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @ApiPropertyOptional({ example: 'Paid in full' })
  reason?: string;
}
