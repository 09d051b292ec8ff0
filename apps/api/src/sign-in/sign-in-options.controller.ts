import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@arrears/platform';
import { devSignInEnabled } from './dev-sign-in.controller';
import { SignInOptionsResponse } from './sign-in-options.responses';

/** What the console's sign-in page may offer: asked before anyone is signed in, so it names no secret. */
@ApiTags('auth')
@Controller('auth')
export class SignInOptionsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('sign-in-options')
  @ApiOperation({ summary: 'How one may sign in here: the development sign-in, single sign-on with the identity provider, or neither (paste a token)' })
  @ApiOkResponse({ type: SignInOptionsResponse })
  signInOptions(): SignInOptionsResponse {
    const { auth } = this.config;
    const identityProvider =
      auth.oidc && auth.issuer && auth.audience ? { issuer: auth.issuer, clientId: auth.oidc.clientId, scope: auth.oidc.scope, audience: auth.audience } : null;
    return { devSignIn: devSignInEnabled(this.config), identityProvider };
  }
}
