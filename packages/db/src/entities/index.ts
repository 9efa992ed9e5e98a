import { AuditEventEntity } from './audit-event.entity';
import { ClientAssertionJtiEntity } from './client-assertion-jti.entity';
import { ClinicSettingsEntity } from './clinic-settings.entity';
import { ConditionEntity } from './condition.entity';
import { ConsentFormEntity } from './consent-form.entity';
import { ConsentEntity } from './consent.entity';
import { DocumentEntity, type DocumentKind } from './document.entity';
import { EhrClientEntity } from './ehr-client.entity';
import { EhrConnectionEntity } from './ehr-connection.entity';
import { HomeMedicationEntity } from './home-medication.entity';
import { MeasurementEntity } from './measurement.entity';
import { PatientIdentifierEntity } from './patient-identifier.entity';
import { PatientEntity } from './patient.entity';
import { ReferralEntity } from './referral.entity';
import { ScreeningFindingEntity } from './screening-finding.entity';
import { SignInThrottleEntity } from './sign-in-throttle.entity';
import { SyncLedgerEntity, type SyncStatus } from './sync-ledger.entity';
import { UserEntity } from './user.entity';

export {
  AuditEventEntity, ClientAssertionJtiEntity, ClinicSettingsEntity, ConditionEntity, ConsentEntity, ConsentFormEntity, DocumentEntity, EhrClientEntity, EhrConnectionEntity, HomeMedicationEntity, MeasurementEntity, PatientEntity,
  PatientIdentifierEntity, ReferralEntity, ScreeningFindingEntity, SignInThrottleEntity, SyncLedgerEntity, UserEntity, type DocumentKind, type SyncStatus,
};
export const ENTITIES = [
  AuditEventEntity, ClientAssertionJtiEntity, ClinicSettingsEntity, ConditionEntity, ConsentEntity, ConsentFormEntity, DocumentEntity, EhrClientEntity, EhrConnectionEntity, HomeMedicationEntity, MeasurementEntity, PatientEntity,
  PatientIdentifierEntity, ReferralEntity, ScreeningFindingEntity, SignInThrottleEntity, SyncLedgerEntity, UserEntity,
];
