import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Sign-in attempts counted per key (an email or an IP) in fixed windows. Kept in PostgreSQL so that the
 * limit holds across API replicas and while Redis is down.
 */
@Entity({ name: 'sign_in_throttle' })
export class SignInThrottleEntity {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @PrimaryColumn({ name: 'window_start', type: 'timestamptz' })
  windowStart!: Date;

  @Column({ type: 'integer' })
  attempts!: number;
}
