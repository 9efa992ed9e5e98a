import { Foundation1763830000000 } from './1763830000000-foundation';
import { ReferralSync1763840000000 } from './1763840000000-referral-sync';
import { DocumentStore1763850000000 } from './1763850000000-document-store';
import { SmartBackendServices1763860000000 } from './1763860000000-smart-backend-services';
import { InboundReferral1763870000000 } from './1763870000000-inbound-referral';
import { ScreeningAtIntake1763880000000 } from './1763880000000-screening-at-intake';
import { ConnectionMedicationFormat1763890000000 } from './1763890000000-connection-medication-format';
import { SyncDeadLetter1763900000000 } from './1763900000000-sync-dead-letter';
import { Consent1763910000000 } from './1763910000000-consent';
import { ConnectionSettings1763920000000 } from './1763920000000-connection-settings';
import { ReferralReview1763930000000 } from './1763930000000-referral-review';
import { MedicationReview1763940000000 } from './1763940000000-medication-review';
import { PolicyAdjustments1763950000000 } from './1763950000000-policy-adjustments';
import { ConsentForms1763960000000 } from './1763960000000-consent-forms';
import { Scheduling1763970000000 } from './1763970000000-scheduling';
import { InfusionEncounters1763980000000 } from './1763980000000-infusion-encounters';
import { Outcomes1763990000000 } from './1763990000000-outcomes';
import { FeeSchedule1764000000000 } from './1764000000000-fee-schedule';
import { BillingProvider1764010000000 } from './1764010000000-billing-provider';
import { InfusionDayRefinements1764020000000 } from './1764020000000-infusion-day-refinements';
import { VersionsForUpdates1764030000000 } from './1764030000000-versions-for-updates';
import { MonitoringAlerts1764040000000 } from './1764040000000-monitoring-alerts';
import { ReferralLoop1764050000000 } from './1764050000000-referral-loop';
import { ConnectionAlerts1764070000000 } from './1764070000000-connection-alerts';
import { SmartClient1764080000000 } from './1764080000000-smart-client';
import { LedgerReconciledAt1764090000000 } from './1764090000000-ledger-reconciled-at';
import { InboundPoll1764100000000 } from './1764100000000-inbound-poll';
import { HeldPolledReferral1764110000000 } from './1764110000000-held-polled-referral';
import { NextSigningKey1764120000000 } from './1764120000000-next-signing-key';

/** Every migration, in order. Never edit one that has landed: add the next. */
export const MIGRATIONS = [Foundation1763830000000, ReferralSync1763840000000, DocumentStore1763850000000, SmartBackendServices1763860000000, InboundReferral1763870000000,
  ScreeningAtIntake1763880000000, ConnectionMedicationFormat1763890000000,
  SyncDeadLetter1763900000000, Consent1763910000000,
  ConnectionSettings1763920000000, ReferralReview1763930000000, MedicationReview1763940000000,
  PolicyAdjustments1763950000000, ConsentForms1763960000000, Scheduling1763970000000, InfusionEncounters1763980000000,
  Outcomes1763990000000, FeeSchedule1764000000000, BillingProvider1764010000000, InfusionDayRefinements1764020000000,
  VersionsForUpdates1764030000000, MonitoringAlerts1764040000000, ReferralLoop1764050000000,
  ConnectionAlerts1764070000000, SmartClient1764080000000, LedgerReconciledAt1764090000000, InboundPoll1764100000000,
  HeldPolledReferral1764110000000, NextSigningKey1764120000000];
