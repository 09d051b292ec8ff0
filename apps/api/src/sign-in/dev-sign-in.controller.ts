import { Body, Controller, HttpCode, Inject, Injectable, NotFoundException, Post, UseGuards, type CanActivate } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../http/api-problems.decorator';
import { decodeJwt } from 'jose';
import { APP_CONFIG, type AppConfig } from '@arrears/platform';
import { mintToken } from '../auth/mint-token';
import { DevTokenRequest } from './dev-sign-in.requests';
import { DevTokenResponse } from './dev-sign-in.responses';

/** Long enough to try the console, short enough that a token copied somewhere soon means nothing. */
const devTokenTtl = '15m';

/** Whether the service mints development tokens: asked for, and signing its own tokens. */
export const devSignInEnabled = (config: AppConfig): boolean => config.devSignIn && !!config.auth.secret;

/** Off, the route answers as one that does not exist — before its body is read, so a 400 tells nothing either. */
@Injectable()
class DevSignInEnabled implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(): boolean {
    if (devSignInEnabled(this.config)) return true;
    throw new NotFoundException('Route POST:/auth/dev-token not found');
  }
}

/**
 * Development sign-in: anyone may mint a token for any role and creditors, so it exists only where
 * nobody else could be hurt by that — the embedded default, or where `DEV_SIGN_IN=true` says so — and
 * only when the service signs its own tokens (not under an identity provider). Elsewhere the route
 * answers 404 (`ROUTE_NOT_FOUND`), as a route that does not exist.
 */
@ApiTags('auth')
@Controller('auth')
export class DevSignInController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Post('dev-token')
  @UseGuards(DevSignInEnabled)
  @HttpCode(200)
  @ApiOperation({ summary: 'Development sign-in: a 15-minute token for a role and creditors (embedded default, or DEV_SIGN_IN=true; 404 otherwise)' })
  @ApiOkResponse({ type: DevTokenResponse, description: 'The token and when it expires.' })
  @ApiProblems({ 400: 'Malformed body: one entry per bad field.', 404: 'Development sign-in is off here (`ROUTE_NOT_FOUND`).' })
  async devToken(@Body() request: DevTokenRequest): Promise<DevTokenResponse> {
    const token = await mintToken(
      this.config.auth.secret as string,
      { id: request.sub ?? `dev-${request.role}`, role: request.role, creditors: request.creditors },
      devTokenTtl,
    );
    return { token, expiresAt: new Date((decodeJwt(token).exp ?? 0) * 1000).toISOString() };
  }
}
