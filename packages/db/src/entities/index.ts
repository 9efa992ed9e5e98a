import { AuditEventEntity } from './audit-event.entity';
import { ClientAssertionJtiEntity } from './client-assertion-jti.entity';
import { ClinicSettingsEntity } from './clinic-settings.entity';
import { DocumentEntity, type DocumentKind } from './document.entity';
import { EhrClientEntity } from './ehr-client.entity';
import { EhrConnectionEntity } from './ehr-connection.entity';
import { PatientIdentifierEntity } from './patient-identifier.entity';
import { PatientEntity } from './patient.entity';
import { ReferralEntity } from './referral.entity';
import { SignInThrottleEntity } from './sign-in-throttle.entity';
import { SyncLedgerEntity, type SyncStatus } from './sync-ledger.entity';
import { UserEntity } from './user.entity';

export {
  AuditEventEntity, ClientAssertionJtiEntity, ClinicSettingsEntity, DocumentEntity, EhrClientEntity, EhrConnectionEntity, PatientEntity,
  PatientIdentifierEntity, ReferralEntity, SignInThrottleEntity, SyncLedgerEntity, UserEntity, type DocumentKind, type SyncStatus,
};
export const ENTITIES = [
  AuditEventEntity, ClientAssertionJtiEntity, ClinicSettingsEntity, DocumentEntity, EhrClientEntity, EhrConnectionEntity, PatientEntity,
  PatientIdentifierEntity, ReferralEntity, SignInThrottleEntity, SyncLedgerEntity, UserEntity,
];
