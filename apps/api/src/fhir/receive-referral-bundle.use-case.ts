import { referralIntakeSchema, type ReferralIntake } from '@keta/domain';
import { DomainError, ErrorCode, toFieldIssues } from '@keta/errors';
import { readReferralBundle, type InboundReferral } from '@keta/fhir-mapping';
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { IntakeReferralUseCase } from '../referrals/intake-referral.use-case';
import { validateEntries } from './fhir-validation';

interface Received {
  referralId: string;
  patientId: string;
  created: boolean;
}

/**
 * A referral transaction Bundle from an EHR, through the same intake as POST /referrals. All or nothing:
 * any entry Keta does not take, or cannot read, refuses the whole Bundle naming it. Each referral is keyed
 * by (source, its identifier or fullUrl), so sending the same Bundle again changes nothing.
 */
@Injectable()
export class ReceiveReferralBundleUseCase {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly intake: IntakeReferralUseCase,
  ) {}

  async execute(body: unknown, source: string, submittedBy: string | null): Promise<Bundle> {
    const bundle = asTransaction(body);
    const referrals = readReferralBundle(bundle);
    const invalid = validateEntries(bundle);
    if (invalid.length) throw new DomainError(ErrorCode.ValidationFailed, 'The Bundle holds resources that are not valid FHIR R4', invalid);
    const intakes = referrals.map((r) => toIntake(r));
    const received = await this.db.transaction(async (tx) => {
      const results: Received[] = [];
      for (const [i, referral] of referrals.entries()) results.push(await this.receiveOne(tx, referral, intakes[i]!, source, submittedBy));
      return results;
    });
    return transactionResponse(bundle, referrals, received);
  }

  private async receiveOne(tx: EntityManager, referral: InboundReferral, intake: ReferralIntake, source: string, submittedBy: string | null): Promise<Received> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`inbound_referral:${source}:${referral.key}`]);
    const [known] = (await tx.query(
      `SELECT i.referral_id, r.patient_id FROM inbound_referral i JOIN referral r ON r.id = i.referral_id WHERE i.source = $1 AND i.key = $2`,
      [source, referral.key],
    )) as Array<{ referral_id: string; patient_id: string }>;
    if (known) return { referralId: known.referral_id, patientId: known.patient_id, created: false };
    const { id, patientId } = await this.intake.executeIn(tx, intake, submittedBy);
    await tx.query(`INSERT INTO inbound_referral (source, key, referral_id) VALUES ($1, $2, $3)`, [source, referral.key, id]);
    return { referralId: id, patientId, created: true };
  }
}

function asTransaction(body: unknown): Bundle {
  const bundle = body as Bundle | undefined;
  if (bundle?.resourceType !== 'Bundle') {
    throw new DomainError(ErrorCode.ValidationFailed, 'POST a Bundle to the FHIR base', [{ field: 'resourceType', message: 'must be Bundle' }]);
  }
  if (bundle.type !== 'transaction') {
    throw new DomainError(ErrorCode.ValidationFailed, 'Only transaction Bundles are taken so far', [{ field: 'Bundle.type', message: 'must be transaction' }]);
  }
  return bundle;
}

/** The inbound referral as the intake use case takes it, validated the same way as POST /referrals. */
function toIntake({ entry, patient, referral }: InboundReferral): ReferralIntake {
  const result = referralIntakeSchema.safeParse({ patient, ...referral });
  if (result.success) return result.data;
  throw new DomainError(ErrorCode.ValidationFailed, 'A referral in the Bundle is invalid', toFieldIssues(result.error.issues).map((i) => ({ ...i, field: `Bundle.entry[${entry}] ${i.field}` })));
}

/** One answer per entry, in order: the referral and its patient get locations; the rest were read into them. */
function transactionResponse(bundle: Bundle, referrals: InboundReferral[], received: Received[]): Bundle {
  const byEntry = new Map(referrals.map((r, i) => [r.entry, received[i]!]));
  const patientEntries = new Map(referrals.map((r, i) => [r.patientEntry, received[i]!]));
  const entry: BundleEntry[] = (bundle.entry ?? []).map((_, index) => {
    const referral = byEntry.get(index);
    if (referral) return { response: { status: referral.created ? '201 Created' : '200 OK', location: `ServiceRequest/${referral.referralId}` } };
    const patient = patientEntries.get(index);
    if (patient) return { response: { status: '200 OK', location: `Patient/${patient.patientId}` } };
    return { response: { status: '200 OK', outcome: { resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational', diagnostics: 'Read into the referral; not kept as a resource of its own' }] } } };
  });
  return { resourceType: 'Bundle', type: 'transaction-response', entry };
}
