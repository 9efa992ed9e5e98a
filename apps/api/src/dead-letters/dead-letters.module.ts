import { Module } from '@nestjs/common';
import { DeadLettersController } from './dead-letters.controller';

/** The sync's dead letters, for the ops console. */
@Module({ controllers: [DeadLettersController] })
export class DeadLettersModule {}
