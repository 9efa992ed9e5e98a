/** A code in a code system, as FHIR's Coding carries it; `display` is for people, never matched on. */
export interface Coding {
  system: string;
  code: string;
  display?: string;
}
