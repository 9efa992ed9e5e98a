import { MAX_SYNC_BUNDLE_ENTRIES, inSyncOrder, toSyncBundle, type ProjectedResource } from '@keta/fhir-mapping';
import type { Bundle } from '@medplum/fhirtypes';

const FHIR_JSON = 'application/fhir+json';

/** Posts Bundles with `concurrency` in flight at once; answers when all were accepted (any other answer throws). */
export async function postAll(baseUrl: string, bundles: readonly Bundle[], concurrency: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < bundles.length) {
      const bundle = bundles[next++]!;
      const res = await fetch(baseUrl, { method: 'POST', headers: { 'content-type': FHIR_JSON, accept: FHIR_JSON }, body: JSON.stringify(bundle) });
      if (!res.ok) throw new Error(`the sandbox answered ${res.status}`);
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

/**
 * Baseline (a): the EHR's own bound, every record in full Bundles (as many entries as the EHR takes), patient
 * after patient, each record after what it references: what the worker's packing comes to at best.
 */
export function fullBundles(patients: readonly ProjectedResource[][]): Bundle[] {
  const records = patients.flatMap((patient) => inSyncOrder(patient));
  return Array.from({ length: Math.ceil(records.length / MAX_SYNC_BUNDLE_ENTRIES) }, (_, i) =>
    toSyncBundle(records.slice(i * MAX_SYNC_BUNDLE_ENTRIES, (i + 1) * MAX_SYNC_BUNDLE_ENTRIES)));
}

/**
 * Baseline (b): the naive sync, one request per resource: each patient's Patient, then each of its other
 * records alone, pointing at the Patient by the id the EHR gave it; `concurrency` patients at once.
 */
export async function naiveSync(baseUrl: string, patients: readonly ProjectedResource[][], concurrency: number): Promise<void> {
  let next = 0;
  const post = async (bundle: Bundle): Promise<Bundle> => {
    const res = await fetch(baseUrl, { method: 'POST', headers: { 'content-type': FHIR_JSON, accept: FHIR_JSON }, body: JSON.stringify(bundle) });
    if (!res.ok) throw new Error(`the sandbox answered ${res.status}`);
    return (await res.json()) as Bundle;
  };
  const lane = async () => {
    while (next < patients.length) {
      const [patient, ...rest] = patients[next++]!;
      const answer = await post(toSyncBundle([patient!]));
      const remote = answer.entry?.[0]?.response?.location?.split('/').slice(0, 2).join('/') ?? '';
      const elsewhere = new Map([[`Patient/${patient!.resource.id}`, remote]]);
      for (const record of rest) await post(toSyncBundle([record], elsewhere));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}
