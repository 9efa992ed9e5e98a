import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A question the clinic asked the referrer, or the referrer's answer; never changed once written. */
@Entity({ name: 'referral_message' })
export class ReferralMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @Column({ type: 'text' })
  kind!: 'question' | 'answer';

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
