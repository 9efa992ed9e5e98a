import { z } from 'zod';
import { ZodPipe } from './zod.pipe';

/** Route ids are UUIDs; anything else is a 400 that names the parameter, not a database error. */
export const uuidParam = (name = 'id') => new ZodPipe(z.uuid({ error: 'must be a UUID' }), name);
