import { AuditEventEntity } from './audit-event.entity';
import { ClinicSettingsEntity } from './clinic-settings.entity';
import { SignInThrottleEntity } from './sign-in-throttle.entity';
import { UserEntity } from './user.entity';

export { AuditEventEntity, ClinicSettingsEntity, SignInThrottleEntity, UserEntity };
export const ENTITIES = [AuditEventEntity, ClinicSettingsEntity, SignInThrottleEntity, UserEntity];
