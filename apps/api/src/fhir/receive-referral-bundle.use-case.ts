import { referralIntakeSchema, type ReferralIntake } from '@keta/domain';
import { DomainError, ErrorCode, parseOrFail, type FieldIssue } from '@keta/errors';
import { readReferralBundle, readReferralUnits, toOperationOutcome, type InboundReferral, type ReferralUnit } from '@keta/fhir-mapping';
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { statusOf } from '../http/problem';
import { IntakeReferralUseCase } from '../referrals/intake-referral.use-case';
import { PatientFactsRecorder } from '../referrals/patient-facts.recorder';
import { readIfNoneExist, resolveIfNoneExist } from './conditional-create';
import { validateEntries } from './fhir-validation';
import { AuditedChange } from '../audit/audited-change.service';

interface Received {
  referralId: string;
  patientId: string;
  created: boolean;
  /** Where each other record of the referral is kept, by entry. */
  locations: Map<number, string>;
}

/**
 * A referral Bundle from an EHR, through the same intake as POST /referrals. A transaction is all or nothing:
 * any entry Keta does not take, or cannot read, refuses the whole Bundle naming it. A batch takes each referral
 * on its own and answers every entry. Each referral is keyed by (source, its identifier or fullUrl), so
 * sending the same Bundle again changes nothing.
 */
@Injectable()
export class ReceiveReferralBundleUseCase {
  constructor(
    private readonly changes: AuditedChange,
    private readonly intake: IntakeReferralUseCase,
    private readonly facts: PatientFactsRecorder,
  ) {}

  async execute(body: unknown, source: string, submittedBy: string | null): Promise<Bundle> {
    const bundle = asBundle(body);
    if (bundle.type === 'batch') return this.batch(bundle, source, submittedBy);
    // Invalid FHIR is the sender's syntax error (400), said before what Keta's intake cannot take (422).
    const invalid = validateEntries(bundle);
    if (invalid.length) throw new DomainError(ErrorCode.ValidationFailed, 'The Bundle holds resources that are not valid FHIR R4', invalid);
    const referrals = readReferralBundle(bundle);
    const conditional = readIfNoneExist(bundle);
    if (conditional.issues.length) throw unevaluated(conditional.issues);
    const intakes = referrals.map((r) => toIntake(r));
    const received = await this.changes.run(async (tx) => {
      const existing = await resolveIfNoneExist(tx, conditional.conditions);
      const results: Received[] = [];
      for (const [i, referral] of referrals.entries()) results.push(await this.receiveOne(tx, referral, intakes[i]!, { source, submittedBy, existing }));
      return results;
    });
    return transactionResponse(bundle, referrals, received);
  }

  /** Each referral in a transaction of its own; every entry gets an answer, none a 5xx for the sender's mistake. */
  private async batch(bundle: Bundle, source: string, submittedBy: string | null): Promise<Bundle> {
    const { units, unsupported } = readReferralUnits(bundle);
    const conditional = readIfNoneExist(bundle);
    const answers = new Map<number, BundleEntry>();
    for (const issue of unsupported) answers.set(entryIndex(issue.field), refusal(new DomainError(ErrorCode.BusinessRule, issue.message, [issue])));
    for (const unit of units) {
      for (const [index, answer] of await this.batchUnit(bundle, unit, conditional, source, submittedBy)) if (!answers.has(index)) answers.set(index, answer);
    }
    const entry = (bundle.entry ?? []).map((e, index) => answers.get(index) ?? refusal(new DomainError(ErrorCode.BusinessRule,
      `${e.resource?.resourceType ?? 'An entry'} is taken only as part of a referral: about the referral's Patient, or referenced by its ServiceRequest`)));
    return { resourceType: 'Bundle', type: 'batch-response', entry };
  }

  private async batchUnit(
    bundle: Bundle, unit: ReferralUnit, conditional: ReturnType<typeof readIfNoneExist>, source: string, submittedBy: string | null,
  ): Promise<Array<[number, BundleEntry]>> {
    try {
      const invalid = validateEntries(bundle, [unit.entry, ...unit.members]);
      if (invalid.length) throw new DomainError(ErrorCode.ValidationFailed, 'The referral holds resources that are not valid FHIR R4', invalid);
      if (unit.read instanceof DomainError) throw unit.read;
      const entries = new Set([unit.entry, ...unit.members]);
      const unevaluable = conditional.issues.filter((issue) => entries.has(entryIndex(issue.field)));
      if (unevaluable.length) throw unevaluated(unevaluable);
      const intake = toIntake(unit.read);
      const received = await this.changes.run(async (tx) => {
        const existing = await resolveIfNoneExist(tx, conditional.conditions.filter((c) => entries.has(c.entry)));
        return this.receiveOne(tx, unit.read as InboundReferral, intake, { source, submittedBy, existing });
      });
      const answer = transactionResponse(bundle, [unit.read], [received]).entry!;
      return [unit.entry, ...unit.members].map((index) => [index, answer[index]!]);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const member = refusal(new DomainError(error.code, `Part of the referral in entry ${unit.entry}, which was refused`));
      return [[unit.entry, refusal(error)], ...unit.members.map((index): [number, BundleEntry] => [index, member])];
    }
  }

  /**
   * One referral, unless it is known: by its key from this source, or by an If-None-Exist that found its
   * ServiceRequest (which is then keyed too, so the sender's next plain POST finds it as well).
   */
  private async receiveOne(tx: EntityManager, referral: InboundReferral, intake: ReferralIntake, { source, submittedBy, existing }: Sender): Promise<Received> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`inbound_referral:${source}:${referral.key}`]);
    const [known] = (await tx.query(
      `SELECT i.referral_id, r.patient_id FROM inbound_referral i JOIN referral r ON r.id = i.referral_id WHERE i.source = $1 AND i.key = $2`,
      [source, referral.key],
    )) as Array<{ referral_id: string; patient_id: string }>;
    const { conditions, medications, measurements, letter } = referral;
    const facts = { source, conditions, medications, measurements, letter, existing: new Map([...existing].map(([entry, found]) => [entry, found.id])) };
    if (known) return { referralId: known.referral_id, patientId: known.patient_id, created: false, locations: await this.facts.locate(tx, facts) };
    const found = existing.get(referral.entry);
    if (found) {
      await tx.query(`INSERT INTO inbound_referral (source, key, referral_id) VALUES ($1, $2, $3)`, [source, referral.key, found.id]);
      return { referralId: found.id, patientId: found.patientId, created: false, locations: await this.facts.locate(tx, facts) };
    }
    const { id, patientId } = await this.intake.executeIn(tx, intake, submittedBy, facts);
    await tx.query(`INSERT INTO inbound_referral (source, key, referral_id) VALUES ($1, $2, $3)`, [source, referral.key, id]);
    return { referralId: id, patientId, created: true, locations: await this.facts.locate(tx, facts) };
  }
}

interface Sender {
  source: string;
  submittedBy: string | null;
  /** What the Bundle's If-None-Exist conditions found, by entry. */
  existing: Map<number, { id: string; patientId: string }>;
}

function unevaluated(issues: FieldIssue[]): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, 'The Bundle asks for a conditional create Keta does not evaluate', issues);
}

function asBundle(body: unknown): Bundle {
  const bundle = body as Bundle | undefined;
  if (bundle?.resourceType !== 'Bundle') {
    throw new DomainError(ErrorCode.ValidationFailed, 'POST a Bundle to the FHIR base', [{ field: 'resourceType', message: 'must be Bundle' }]);
  }
  if (bundle.type !== 'transaction' && bundle.type !== 'batch') {
    throw new DomainError(ErrorCode.ValidationFailed, 'POST a transaction or a batch Bundle', [{ field: 'Bundle.type', message: 'must be transaction or batch' }]);
  }
  return bundle;
}

/** A batch entry's refusal: the status of the error's code, and the OperationOutcome saying why. */
function refusal(error: DomainError): BundleEntry {
  const status = statusOf(error.code);
  return { response: { status: `${status}`, outcome: toOperationOutcome(error) } };
}

function entryIndex(field: string): number {
  return Number(/\[(\d+)\]/.exec(field)?.[1] ?? -1);
}

/** The inbound referral as the intake use case takes it, validated the same way as POST /referrals. */
function toIntake({ entry, patient, referral }: InboundReferral): ReferralIntake {
  return parseOrFail(referralIntakeSchema, { patient, ...referral }, 'A referral in the Bundle is invalid', { prefix: `Bundle.entry[${entry}] ` });
}

/**
 * One answer per entry, in order: the referral, its patient and the records it brought get locations; the
 * referrer's resources were read into the referral.
 */
function transactionResponse(bundle: Bundle, referrals: InboundReferral[], received: Received[]): Bundle {
  const byEntry = new Map(referrals.map((r, i) => [r.entry, received[i]!]));
  const patientEntries = new Map(referrals.map((r, i) => [r.patientEntry, received[i]!]));
  const records = new Map(received.flatMap((r) => [...r.locations].map(([index, location]) => [index, { location, created: r.created }] as const)));
  const entry: BundleEntry[] = (bundle.entry ?? []).map((_, index) => {
    const referral = byEntry.get(index);
    if (referral) return { response: { status: referral.created ? '201 Created' : '200 OK', location: `ServiceRequest/${referral.referralId}` } };
    const patient = patientEntries.get(index);
    if (patient) return { response: { status: '200 OK', location: `Patient/${patient.patientId}` } };
    const record = records.get(index);
    if (record) return { response: { status: record.created ? '201 Created' : '200 OK', location: record.location } };
    return { response: { status: '200 OK', outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: 'Read into the referral; not kept as a resource of its own' }] } } };
  });
  return { resourceType: 'Bundle', type: 'transaction-response', entry };
}
