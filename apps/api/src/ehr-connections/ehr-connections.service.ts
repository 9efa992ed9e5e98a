import {
  EhrConnectionEntity, KeyRingCipher, activateNextSigningKey, generateSigningKey, retireSigningKeys, signingKeyIds, stageSigningKey,
  type ConnectionKeyIds,
} from '@keta/db';
import type {
  EhrConnectionAuth, EhrConnectionAuthView, EhrConnectionChange, EhrConnectionView, NewEhrConnection, SmartSigningAlgorithm,
} from '@keta/domain';
import { DomainError, ErrorCode } from '@keta/errors';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditedChange } from '../audit/audited-change.service';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { assertCurrent } from '../http/if-match';
import { lockConnection } from './connection-lock';

/** Where Keta publishes the public keys it signs with as a SMART client, under its public origin. */
export const JWKS_PATH = '/.well-known/jwks.json';

/**
 * The EHRs Keta syncs to. A change commits with its audit row: what an EHR receives never changes unrecorded.
 * A connection that authenticates as a SMART client gets a signing key generated here, never uploaded.
 */
@Injectable()
export class EhrConnectionsService {
  private readonly cipher: KeyRingCipher;

  constructor(
    @InjectRepository(EhrConnectionEntity) private readonly connections: Repository<EhrConnectionEntity>,
    private readonly changes: AuditedChange,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.cipher = new KeyRingCipher(config.CREDENTIAL_KEYS, 'Credential');
  }

  /** `origin`: Keta's public origin, for the JWKS URL a SMART connection's EHR registers. */
  async list(origin: string): Promise<EhrConnectionView[]> {
    const connections = await this.connections.find({ order: { name: 'ASC' } });
    return this.views(this.connections.manager, connections, origin);
  }

  async get(id: string, origin: string): Promise<EhrConnectionView> {
    const connection = await this.connections.findOneBy({ id });
    if (!connection) throw notFound();
    return this.view(this.connections.manager, connection, origin);
  }

  async create({ auth, ...input }: NewEhrConnection, origin: string): Promise<EhrConnectionView> {
    return this.changes.run(async (tx) => {
      const saved = await tx.getRepository(EhrConnectionEntity).save({ ...input, ...authColumns(auth) });
      if (auth.kind === 'smart-backend') await generateSigningKey(tx, this.cipher, saved.id, auth.algorithm);
      return this.view(tx, saved, origin);
    });
  }

  /**
   * From the version read (If-Match): two admins tuning one connection never undo each other unseen. New
   * credentials, or a new address, lift a refusal of the old ones; a SMART client gets a new key when its
   * algorithm changes, and its keys are retired when it stops being one.
   */
  async change(id: string, { auth, ...change }: EhrConnectionChange, expectedVersion: number, origin: string): Promise<EhrConnectionView> {
    return this.changes.run(async (tx) => {
      const connections = tx.getRepository(EhrConnectionEntity);
      const connection = await lockConnection(tx, id);
      if (!connection) throw notFound();
      assertCurrent('EHR connection', connection.version, expectedVersion);
      const wasSmart = connection.authKind === 'smart-backend';
      const newKey = auth?.kind === 'smart-backend' && (!wasSmart || connection.authSmart?.algorithm !== auth.algorithm);
      const lifted = auth || (change.baseUrl && change.baseUrl !== connection.baseUrl) ? NOT_REFUSED : {};
      const saved = await connections.save({ ...connection, ...change, ...(auth ? authColumns(auth) : {}), ...lifted });
      if (newKey) await generateSigningKey(tx, this.cipher, id, auth.algorithm);
      if (wasSmart && auth && auth.kind !== 'smart-backend') await retireSigningKeys(tx, id);
      return this.view(tx, saved, origin);
    });
  }

  /**
   * A new signing key for a SMART connection, signed with at once, the old one retired (still published a
   * while); lifts a refusal. The version moves: a refusal of the old key, answered after this, does not hold
   * the connection.
   */
  rotateSigningKey(id: string, origin: string): Promise<EhrConnectionView> {
    return this.changeKeys(id, origin, async (tx, algorithm) => {
      await generateSigningKey(tx, this.cipher, id, algorithm);
      return { liftRefusal: true };
    });
  }

  /** The connection's next key: published now, for the EHR to register, and signed with once activated. */
  stageSigningKey(id: string, origin: string): Promise<EhrConnectionView> {
    return this.changeKeys(id, origin, async (tx, algorithm) => {
      await stageSigningKey(tx, this.cipher, id, algorithm);
      return { liftRefusal: false };
    });
  }

  /** Signs with the next key from now on, the current one retired (still published a while); lifts a refusal. */
  activateSigningKey(id: string, origin: string): Promise<EhrConnectionView> {
    return this.changeKeys(id, origin, async (tx) => {
      if (!(await activateNextSigningKey(tx, id))) {
        throw new DomainError(ErrorCode.BusinessRule, 'This connection has no next signing key to activate: stage one first (POST /ehr-connections/:id/next-signing-key)');
      }
      return { liftRefusal: true };
    });
  }

  /** A change of a SMART connection's keys, under its lock, with a new version (the view, and its ETag, change). */
  private changeKeys(
    id: string, origin: string, change: (tx: EntityManager, algorithm: SmartSigningAlgorithm) => Promise<{ liftRefusal: boolean }>,
  ): Promise<EhrConnectionView> {
    return this.changes.run(async (tx) => {
      const connections = tx.getRepository(EhrConnectionEntity);
      const connection = await lockConnection(tx, id);
      if (!connection) throw notFound();
      if (connection.authKind !== 'smart-backend' || !connection.authSmart) {
        throw new DomainError(ErrorCode.BusinessRule, 'Only a connection that authenticates as a SMART client (auth.kind smart-backend) has a signing key');
      }
      const { liftRefusal } = await change(tx, connection.authSmart.algorithm);
      await tx.query(
        `UPDATE ehr_connection SET version = version + 1, updated_at = now(),
           auth_refused_code = CASE WHEN $2 THEN NULL ELSE auth_refused_code END, auth_refused_at = CASE WHEN $2 THEN NULL ELSE auth_refused_at END
         WHERE id = $1`,
        [id, liftRefusal],
      );
      return this.view(tx, await connections.findOneByOrFail({ id }), origin);
    });
  }

  private async view(db: EntityManager, connection: EhrConnectionEntity, origin: string): Promise<EhrConnectionView> {
    return (await this.views(db, [connection], origin))[0]!;
  }

  private async views(db: EntityManager, connections: EhrConnectionEntity[], origin: string): Promise<EhrConnectionView[]> {
    const smart = connections.filter((c) => c.authKind === 'smart-backend').map((c) => c.id);
    const keyIds = smart.length ? await signingKeyIds(db, smart) : new Map<string, ConnectionKeyIds>();
    return connections.map((c) => toView(c, authView(c, keyIds.get(c.id), `${origin}${JWKS_PATH}`)));
  }
}

const NOT_REFUSED = { authRefusedCode: null, authRefusedAt: null };

const notFound = () => new DomainError(ErrorCode.NotFound, 'No EHR connection has this id');

function toView(c: EhrConnectionEntity, auth: EhrConnectionAuthView): EhrConnectionView {
  return {
    id: c.id, name: c.name, baseUrl: c.baseUrl, kind: c.kind, enabled: c.enabled, homeMedicationFormat: c.homeMedicationFormat,
    resourceTypes: c.resourceTypes, paused: c.paused, rateLimitPerMinute: c.rateLimitPerMinute, concurrency: c.concurrency,
    referrerNpis: c.referrerNpis, alertThresholds: c.alertThresholds, pollReferrals: c.pollReferrals, auth,
    authRefused: c.authRefusedCode && c.authRefusedAt ? { code: c.authRefusedCode, at: c.authRefusedAt.toISOString() } : null,
    version: c.version, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}

function authView(c: EhrConnectionEntity, keys: ConnectionKeyIds | undefined, jwksUrl: string): EhrConnectionAuthView {
  if (c.authKind === 'smart-backend' && c.authSmart) return { kind: 'smart-backend', ...c.authSmart, keyId: keys?.keyId ?? '', nextKeyId: keys?.nextKeyId ?? null, jwksUrl };
  return c.authKind === 'bearer' && c.authTokenEnv ? { kind: 'bearer', tokenEnv: c.authTokenEnv } : { kind: 'none' };
}

function authColumns(auth: EhrConnectionAuth): Pick<EhrConnectionEntity, 'authKind' | 'authTokenEnv' | 'authSmart'> {
  if (auth.kind === 'bearer') return { authKind: 'bearer', authTokenEnv: auth.tokenEnv, authSmart: null };
  if (auth.kind === 'none') return { authKind: 'none', authTokenEnv: null, authSmart: null };
  const { kind: _kind, ...smart } = auth;
  return { authKind: 'smart-backend', authTokenEnv: null, authSmart: smart };
}
