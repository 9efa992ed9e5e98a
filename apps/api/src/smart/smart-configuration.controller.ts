import { Controller, Get, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Public } from '../auth/access.decorators';
import { ASSERTION_ALGORITHMS } from './client-assertion.verifier';
import { supportedScopes } from './supported-scopes';
import { tokenEndpointUrl } from './token-endpoint';

/** What a backend client needs to know before it asks for a token (SMART App Launch 2.x, §Conformance). */
export interface SmartConfiguration {
  token_endpoint: string;
  token_endpoint_auth_methods_supported: string[];
  token_endpoint_auth_signing_alg_values_supported: string[];
  grant_types_supported: string[];
  scopes_supported: string[];
  capabilities: string[];
}

@Controller()
export class SmartConfigurationController {
  /**
   * Served at the root, and under the FHIR base too: SMART clients look for it at
   * `[fhir base]/.well-known/smart-configuration`.
   */
  @Get(['.well-known/smart-configuration', 'fhir/R4/.well-known/smart-configuration'])
  @Public()
  configuration(@Req() req: Request): SmartConfiguration {
    return {
      token_endpoint: tokenEndpointUrl(req),
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: [...ASSERTION_ALGORITHMS],
      grant_types_supported: ['client_credentials'],
      scopes_supported: supportedScopes(),
      capabilities: ['client-confidential-asymmetric'],
    };
  }
}
