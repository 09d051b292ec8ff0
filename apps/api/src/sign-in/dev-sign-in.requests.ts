import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, ValidateBy } from 'class-validator';
import { actorRoles, type ActorRole } from '@arrears/commands';
import { isId } from '@arrears/domain';
import { IsId } from '../http/validators';

/** `*`, or 1 to 20 creditor ids. */
const isCreditorScope = (value: unknown): boolean =>
  value === '*' || (Array.isArray(value) && value.length >= 1 && value.length <= 20 && value.every((id) => typeof id === 'string' && isId(id)));

export class DevTokenRequest {
  @IsIn(actorRoles, { message: `role must be one of ${actorRoles.join(', ')}` })
  @ApiProperty({ enum: actorRoles, example: 'agent' })
  role!: ActorRole;

  @ValidateBy({
    name: 'isCreditorScope',
    validator: { validate: isCreditorScope, defaultMessage: () => 'creditors must be "*" (every creditor) or a list of 1 to 20 creditor ids' },
  })
  @ApiProperty({
    oneOf: [
      { type: 'string', enum: ['*'] },
      { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 20 },
    ],
    example: ['cred-1'],
    description: 'The creditors the token acts for: ids, or `*` for all.',
  })
  creditors!: string[] | '*';

  @IsOptional()
  @IsId({ required: false, example: 'agent-7', description: 'The actor id the token names; `dev-<role>` when absent.' })
  sub?: string;
}
