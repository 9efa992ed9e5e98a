/** The effects a clinician can report during or after an infusion are domain vocabulary, shared with the FHIR mapping. */
export { ADVERSE_EFFECTS, type AdverseEffect } from '@keta/domain';
