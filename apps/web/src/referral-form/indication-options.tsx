import { ICD10CM, INDICATIONS, type IndicationGroup } from '@keta/domain';

const GROUPS: Record<IndicationGroup, string> = {
  depression: 'Depression',
  'bipolar-depression': 'Bipolar depression',
  ptsd: 'Post-traumatic stress disorder',
  anxiety: 'Anxiety',
  ocd: 'Obsessive-compulsive disorder',
  'chronic-pain': 'Chronic pain',
  'alcohol-use-disorder': 'Alcohol use disorder',
};

/** The coded conditions the clinic accepts referrals for (@keta/domain), by group, shown by name and code. */
export function IndicationOptions() {
  return (
    <>
      <option value="">Choose the condition</option>
      {(Object.keys(GROUPS) as IndicationGroup[]).map((group) => (
        <optgroup key={group} label={GROUPS[group]}>
          {INDICATIONS.filter((i) => i.group === group).map((i) => (
            <option key={`${i.system}|${i.code}`} value={`${i.system}|${i.code}`}>
              {i.display} ({i.system === ICD10CM ? 'ICD-10-CM' : 'SNOMED CT'} {i.code})
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
