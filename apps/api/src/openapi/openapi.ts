import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

export const OPENAPI_PATH = 'docs';

/**
 * The OpenAPI description of every route, from the controllers and the domain schemas that validate their
 * input; served at /docs (the page) and /docs-json (the document). It holds no PHI, so it needs no sign-in.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Keta API')
    .setDescription('Clinic workflows, the referral intake, EHR connections and the FHIR R4 endpoint. Roles per route: docs/ACCESS.md; errors: docs/ERRORS.md.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  return SwaggerModule.createDocument(app, config);
}

export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup(OPENAPI_PATH, app, () => openApiDocument(app), { jsonDocumentUrl: `${OPENAPI_PATH}-json` });
}
