/**
 * Where a rule's value comes from: a seed clinic's FAQ page (shared/seeds), the domain reference
 * (shared/docs/DOMAIN.md), or the clinic itself where no source gives a value.
 */
export type Source =
  | { kind: 'seed'; file: SeedFile; section: string }
  | { kind: 'domain'; section: string }
  | { kind: 'clinic-default'; note: string };

export const SEED_FILES = {
  '000': '000_f7e14d6f7ed11334.txt',
  '001': '001_f793fac606909382.txt',
  '002': '002_d81a41293172daa1.txt',
  '003': '003_9a919d07d6b0c099.txt',
  '004': '004_abb7f8e027270934.txt',
} as const;
export type SeedFile = (typeof SEED_FILES)[keyof typeof SEED_FILES];

export const seed = (id: keyof typeof SEED_FILES, section: string): Source => ({ kind: 'seed', file: SEED_FILES[id], section });
export const domainRef = (section: string): Source => ({ kind: 'domain', section });
export const clinicDefault = (note: string): Source => ({ kind: 'clinic-default', note });

/** "seed 003: What medical conditions could keep me from receiving ketamine?" and so on, for people. */
export function describeSource(source: Source): string {
  switch (source.kind) {
    case 'seed':
      return `${source.file}: ${source.section}`;
    case 'domain':
      return `DOMAIN.md ${source.section}`;
    case 'clinic-default':
      return `clinic-set default (${source.note})`;
  }
}
