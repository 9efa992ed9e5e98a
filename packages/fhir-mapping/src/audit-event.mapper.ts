import { KETA_IDENTIFIER_PREFIX, type AuditAction, type AuditEventRecord, type AuditOutcome } from '@keta/domain';
import type { AuditEvent, Bundle, Coding } from '@medplum/fhirtypes';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const REST: Coding = { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' };
const AUTHENTICATION: Coding = { system: DCM, code: '110114', display: 'User Authentication' };
const INTERACTION = 'http://hl7.org/fhir/restful-interaction';

/** The R4 interaction and CRUDE action of each audited action; a sign-in is DICOM's Login. */
const ACTIONS: Record<AuditAction, { subtype: Coding; action: NonNullable<AuditEvent['action']> }> = {
  read: { subtype: { system: INTERACTION, code: 'read' }, action: 'R' },
  search: { subtype: { system: INTERACTION, code: 'search-type' }, action: 'E' },
  create: { subtype: { system: INTERACTION, code: 'create' }, action: 'C' },
  update: { subtype: { system: INTERACTION, code: 'update' }, action: 'U' },
  delete: { subtype: { system: INTERACTION, code: 'delete' }, action: 'D' },
  'sign-in': { subtype: { system: DCM, code: '110122', display: 'Login' }, action: 'E' },
};

/** R4's outcome codes: a refusal or the caller's mistake is a minor failure, a failure of Keta's a serious one. */
const OUTCOMES: Record<AuditOutcome, NonNullable<AuditEvent['outcome']>> = { success: '0', denied: '4', failed: '4', error: '8' };

/**
 * One audit row as an R4 AuditEvent, for an admin's export: who (user or EHR client, by Keta's id, with their
 * role and address), what was done to which record (its kind and id), when, and how it ended. Ids and codes
 * only, as the row itself: never PHI.
 */
export function toFhirAuditEvent(event: AuditEventRecord): AuditEvent {
  const { subtype, action } = ACTIONS[event.action];
  return {
    resourceType: 'AuditEvent',
    id: event.id,
    type: event.action === 'sign-in' ? AUTHENTICATION : REST,
    subtype: [subtype],
    action,
    recorded: event.occurredAt,
    outcome: OUTCOMES[event.outcome],
    ...(event.outcome !== 'success' ? { outcomeDesc: event.errorCode ? `${event.outcome}: ${event.errorCode}` : event.outcome } : {}),
    agent: [{
      requestor: true,
      who: actor(event),
      ...(event.actorRole ? { role: [{ coding: [{ system: `${KETA_IDENTIFIER_PREFIX}role`, code: event.actorRole }] }] } : {}),
      ...(event.ip ? { network: { address: event.ip, type: '2' as const } } : {}),
    }],
    source: { observer: { display: 'Keta API' }, type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '4', display: 'Application Server' }] },
    entity: [{
      type: { system: `${KETA_IDENTIFIER_PREFIX}audited-record`, code: event.resourceType },
      ...(event.resourceId ? { what: { identifier: { system: `${KETA_IDENTIFIER_PREFIX}${event.resourceType}`, value: event.resourceId } } } : {}),
      ...(event.requestId ? { detail: [{ type: 'request-id', valueString: event.requestId }] } : {}),
    }],
  };
}

/** The audit rows as a Bundle (a collection: an export, not a search of AuditEvents Keta serves). */
export function toFhirAuditBundle(events: readonly AuditEventRecord[]): Bundle<AuditEvent> {
  return { resourceType: 'Bundle', type: 'collection', entry: events.map((event) => ({ resource: toFhirAuditEvent(event) })) };
}

function actor(event: AuditEventRecord): NonNullable<AuditEvent['agent'][number]['who']> {
  if (event.actorUserId) return { identifier: { system: `${KETA_IDENTIFIER_PREFIX}user`, value: event.actorUserId } };
  if (event.actorClientId) return { identifier: { system: `${KETA_IDENTIFIER_PREFIX}ehr-client`, value: event.actorClientId } };
  return { display: 'anonymous' };
}
