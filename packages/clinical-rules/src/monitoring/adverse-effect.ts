/** The effects a clinician can report during or after an infusion, as the seed pages name them. */
export const ADVERSE_EFFECTS = [
  'nausea',
  'vomiting',
  'dizziness',
  'distressing-dissociation',
  'hallucinations',
  'unwanted-sensations',
  'elevated-blood-pressure',
  'increased-heart-rate',
] as const;

export type AdverseEffect = (typeof ADVERSE_EFFECTS)[number];
