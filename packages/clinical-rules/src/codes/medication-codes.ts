import { RXNORM, ok, unverified, type CodedConcept } from './coded-concept';

export type InteractingClass = 'maoi' | 'benzodiazepine' | 'lamotrigine';

/**
 * The drug classes the seed clinics ask about (seed 002 Q3, seed 003, seed 004), as RxNorm codes from
 * DOMAIN.md §3.2 (clinical drugs ✅, most ingredient codes unverified) and generic and brand names.
 */
export const MEDICATION_CONCEPTS: Record<InteractingClass, CodedConcept> = {
  maoi: {
    codes: [unverified(RXNORM, '8123'), unverified(RXNORM, '10734'), unverified(RXNORM, '6011'), unverified(RXNORM, '9639')],
    names: [
      /^phenelzine/, /^nardil/, /^tranylcypromine/, /^parnate/, /^isocarboxazid/, /^marplan/,
      /^selegiline/, /^emsam/, /^eldepryl/, /^zelapar/, /^rasagiline/, /^azilect/, /^maois?$/, /^monoamine oxidase inhibitors?$/,
    ],
  },
  benzodiazepine: {
    codes: [
      ok(RXNORM, '308047'), ok(RXNORM, '197321'), ok(RXNORM, '197322'),
      ok(RXNORM, '197901'), ok(RXNORM, '197902'), ok(RXNORM, '238100'),
      ok(RXNORM, '197527'), ok(RXNORM, '197528'), ok(RXNORM, '197590'), ok(RXNORM, '197589'),
      unverified(RXNORM, '596'), unverified(RXNORM, '6470'), unverified(RXNORM, '2598'), unverified(RXNORM, '3322'),
    ],
    names: [
      /^alprazolam/, /^xanax/, /^lorazepam/, /^ativan/, /^clonazepam/, /^klonopin/, /^diazepam/, /^valium/,
      /^chlordiazepoxide/, /^librium/, /^clorazepate/, /^tranxene/, /^temazepam/, /^restoril/, /^triazolam/, /^halcion/,
      /^oxazepam/, /^midazolam/, /^estazolam/, /^flurazepam/, /^quazepam/, /^benzodiazepines?$/, /^benzos?$/,
    ],
  },
  lamotrigine: {
    codes: [ok(RXNORM, '198427'), ok(RXNORM, '198428'), ok(RXNORM, '198429'), unverified(RXNORM, '28439')],
    names: [/^lamotrigine/, /^lamictal/, /^subvenite/],
  },
};
