import type { ConsentKind } from '@keta/domain';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A published consent form: its text never changes; a new text is the kind's next version. */
@Entity({ name: 'consent_form' })
export class ConsentFormEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: ConsentKind;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ name: 'published_by', type: 'uuid' })
  publishedBy!: string;
}
