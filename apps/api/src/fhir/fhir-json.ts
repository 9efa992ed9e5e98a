/** The media type of every answer under /fhir/R4, errors included. */
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';
