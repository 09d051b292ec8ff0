import { ApiProperty } from '@nestjs/swagger';

export class IdentityProviderOption {
  @ApiProperty({
    example: 'https://id.example.com/realms/collections',
    description: 'The provider (AUTH_ISSUER): its /.well-known/openid-configuration says where to sign in.',
  })
  issuer!: string;

  @ApiProperty({ example: 'arrears-console', description: 'The public client the provider knows the console as (AUTH_OIDC_CLIENT_ID).' })
  clientId!: string;

  @ApiProperty({ example: 'openid', description: 'The scopes asked for, space-separated (AUTH_OIDC_SCOPE).' })
  scope!: string;

  @ApiProperty({
    example: 'arrears',
    description: 'The `aud` the service requires of access tokens (AUTH_AUDIENCE), for providers that take it as a parameter.',
  })
  audience!: string;
}

export class SignInOptionsResponse {
  @ApiProperty({ description: 'Whether POST /auth/dev-token mints tokens here (the embedded default, or DEV_SIGN_IN=true).' })
  devSignIn!: boolean;

  @ApiProperty({
    type: IdentityProviderOption,
    nullable: true,
    description: 'Single sign-on by authorization code + PKCE, when the service is configured for it; else null.',
  })
  identityProvider!: IdentityProviderOption | null;
}
