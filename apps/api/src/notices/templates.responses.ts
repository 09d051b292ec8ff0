import { ApiProperty } from '@nestjs/swagger';
import { messageChannels } from '@arrears/domain';

/** A template as listed: what it is, never its text (preview it to read it). */
export class TemplateSummary {
  @ApiProperty({ example: 'payment-reminder' }) id!: string;
  @ApiProperty({ type: 'integer', example: 1 }) version!: number;
  @ApiProperty({ enum: messageChannels }) channel!: string;
  @ApiProperty({ example: 'en' }) language!: string;
  @ApiProperty({ example: 'reminder' }) purpose!: string;
  @ApiProperty({ description: 'Whether it is an escalation (its sending is held to the validation period’s end).' }) escalation!: boolean;
  @ApiProperty({ type: [String], description: 'The variables its subject and body name.' }) variables!: string[];
}

export class TemplatesResponse {
  @ApiProperty({ type: [TemplateSummary] }) templates!: TemplateSummary[];
}

/** A template rendered as it would go out, and what the law requires of it that it lacks (empty when complete). */
export class TemplatePreview {
  @ApiProperty({ example: 'payment-reminder' }) templateId!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ enum: messageChannels }) channel!: string;
  @ApiProperty({ example: 'en' }) language!: string;
  @ApiProperty() escalation!: boolean;
  @ApiProperty() subject!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: [String], description: 'The elements the law requires that the message lacks.' }) missing!: string[];
}
