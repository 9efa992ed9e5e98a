import { z } from 'zod';
import { roleSchema } from './role';

export const emailSchema = z.email().max(254).transform((email) => email.toLowerCase());
/** Long passphrases beat complexity rules (NIST SP 800-63B): at least 12 characters, no composition rules. */
export const passwordSchema = z.string().min(12).max(256);
export const displayNameSchema = z.string().trim().min(1).max(200);

export const newUserSchema = z.strictObject({
  email: emailSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  password: passwordSchema,
});
export type NewUser = z.infer<typeof newUserSchema>;

export const userChangeSchema = z
  .strictObject({
    displayName: displayNameSchema.optional(),
    role: roleSchema.optional(),
    password: passwordSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'must change at least one field');
export type UserChange = z.infer<typeof userChangeSchema>;

export const signInSchema = z.strictObject({ email: emailSchema, password: z.string().min(1).max(256) });
export type SignIn = z.infer<typeof signInSchema>;

/** What Keta shows of a user: never the password hash. */
export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: z.infer<typeof roleSchema>;
  disabled: boolean;
  /** The version this view shows (its ETag): a change names it in If-Match. */
  version: number;
  createdAt: string;
  updatedAt: string;
}
