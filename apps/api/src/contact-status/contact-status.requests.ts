import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { contactChannels, type ContactChannel } from '@arrears/domain';
import { ReadQueryParams } from '../read-side/paging';

export class ContactStatusParams extends ReadQueryParams {
  @IsOptional()
  @IsIn(contactChannels, { message: `channel must be one of ${contactChannels.join(', ')}` })
  @ApiPropertyOptional({ enum: contactChannels, description: 'The medium of the contact about to be made; `call` when absent.' })
  channel?: ContactChannel;
}
