/**
 * Conditions a referral may be for: the conditions the seed clinics treat, coded as in DOMAIN.md §3.3
 * (SNOMED CT) and §3.4 (ICD-10-CM). Only codes marked confirmed (✅) there are listed; unverified ones
 * (e.g. migraine, CRPS in SNOMED) are left out until a source confirms them.
 */
export const SNOMED = 'http://snomed.info/sct';
export const ICD10CM = 'http://hl7.org/fhir/sid/icd-10-cm';

export type IndicationGroup =
  | 'depression' | 'bipolar-depression' | 'ptsd' | 'anxiety' | 'ocd' | 'chronic-pain' | 'alcohol-use-disorder';

export interface Indication {
  system: typeof SNOMED | typeof ICD10CM;
  code: string;
  display: string;
  group: IndicationGroup;
}

const snomed = (code: string, display: string, group: IndicationGroup): Indication => ({ system: SNOMED, code, display, group });
const icd = (code: string, display: string, group: IndicationGroup): Indication => ({ system: ICD10CM, code, display, group });

export const INDICATIONS: readonly Indication[] = [
  snomed('370143000', 'Major depressive disorder', 'depression'),
  snomed('47505003', 'Posttraumatic stress disorder', 'ptsd'),
  snomed('21897009', 'Generalized anxiety disorder', 'anxiety'),
  snomed('191736004', 'Obsessive-compulsive disorder', 'ocd'),
  snomed('203082005', 'Fibromyalgia', 'chronic-pain'),
  snomed('95417003', 'Primary fibromyalgia syndrome', 'chronic-pain'),
  snomed('16269008', 'Neuralgia', 'chronic-pain'),
  snomed('373621006', 'Chronic pain syndrome', 'chronic-pain'),
  snomed('15167005', 'Alcohol abuse', 'alcohol-use-disorder'),
  snomed('66590003', 'Alcohol dependence', 'alcohol-use-disorder'),
  snomed('7200002', 'Alcoholism', 'alcohol-use-disorder'),
  ...['F32.0', 'F32.1', 'F32.2', 'F32.3', 'F32.4', 'F32.9'].map((c) => icd(c, 'Major depressive disorder, single episode', 'depression')),
  ...['F33.0', 'F33.1', 'F33.2', 'F33.3', 'F33.41', 'F33.9'].map((c) => icd(c, 'Major depressive disorder, recurrent', 'depression')),
  ...['F31.30', 'F31.31', 'F31.32', 'F31.4', 'F31.5'].map((c) => icd(c, 'Bipolar disorder, current episode depressed', 'bipolar-depression')),
  icd('F31.81', 'Bipolar II disorder', 'bipolar-depression'),
  icd('F31.9', 'Bipolar disorder, unspecified', 'bipolar-depression'),
  icd('F43.10', 'Post-traumatic stress disorder, unspecified', 'ptsd'),
  icd('F43.11', 'Post-traumatic stress disorder, acute', 'ptsd'),
  icd('F43.12', 'Post-traumatic stress disorder, chronic', 'ptsd'),
  icd('F41.1', 'Generalized anxiety disorder', 'anxiety'),
  icd('F42.2', 'Mixed obsessional thoughts and acts', 'ocd'),
  icd('F42.8', 'Other obsessive-compulsive disorder', 'ocd'),
  icd('F42.9', 'Obsessive-compulsive disorder, unspecified', 'ocd'),
  icd('G90.50', 'Complex regional pain syndrome I, unspecified', 'chronic-pain'),
  icd('G90.59', 'Complex regional pain syndrome I of other specified site', 'chronic-pain'),
  icd('M79.7', 'Fibromyalgia', 'chronic-pain'),
  icd('M79.2', 'Neuralgia and neuritis, unspecified', 'chronic-pain'),
  icd('G89.29', 'Other chronic pain', 'chronic-pain'),
  icd('G89.4', 'Chronic pain syndrome', 'chronic-pain'),
  icd('F10.10', 'Alcohol abuse, uncomplicated', 'alcohol-use-disorder'),
  icd('F10.20', 'Alcohol dependence, uncomplicated', 'alcohol-use-disorder'),
];

export function findIndication(system: string, code: string): Indication | undefined {
  return INDICATIONS.find((i) => i.system === system && i.code === code);
}
