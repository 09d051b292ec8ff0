import type { CommandContext } from '../../command-handling/command-context';
import type { AgreePlanRequest } from './agree-plan.request';

export class AgreePlanCommand {
  constructor(
    readonly accountId: string,
    readonly request: AgreePlanRequest,
    readonly context: CommandContext,
  ) {}
}
