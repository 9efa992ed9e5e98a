import { Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { Public } from '../auth/access.decorators';
import type { KetaRequest } from '../auth/principal';
import { IssueClientTokenUseCase, type ClientTokenResponse } from './issue-client-token.use-case';

/** The OAuth 2.0 token endpoint of SMART Backend Services. Public: the client authenticates in the body. */
@Controller('oauth2')
export class TokenController {
  constructor(private readonly issue: IssueClientTokenUseCase) {}

  /** Tokens must not be cached by anything on the way (RFC 6749 §5.1). Errors: http/send-oauth-error.ts. */
  @Post('token')
  @Public()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Pragma', 'no-cache')
  token(@Req() req: KetaRequest): Promise<ClientTokenResponse> {
    return this.issue.execute(req);
  }
}
