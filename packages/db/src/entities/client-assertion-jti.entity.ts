import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The jti of every client assertion accepted, kept until the assertion would have expired anyway, so the same
 * assertion cannot buy a second token (RFC 7523 §3, SMART Backend Services).
 */
@Entity({ name: 'client_assertion_jti' })
export class ClientAssertionJtiEntity {
  @PrimaryColumn({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @PrimaryColumn({ type: 'text' })
  jti!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
