import { z } from 'zod';
import { EXPERIENCE_TAGS } from './plain-lists.js';
import { LIMITS } from './limits.js';

export const ROLES = ['member', 'peer_supporter', 'facilitator', 'supervisor', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export { EXPERIENCE_TAGS };
export const ExperienceTag = z.enum(EXPERIENCE_TAGS);

export const MESSAGE_POLICIES = ['nobody', 'supporters', 'members'] as const;
export const MessagePolicy = z.enum(MESSAGE_POLICIES);

export const Handle = z
  .string({ message: 'must be text' })
  .trim()
  .min(LIMITS.handleMin, `must be at least ${LIMITS.handleMin} characters`)
  .max(LIMITS.handleMax, `must be at most ${LIMITS.handleMax} characters`)
  .regex(/^[A-Za-z0-9_.-]+$/, 'may use letters, digits, dot, dash and underscore only');

export const Password = z
  .string({ message: 'must be text' })
  .min(LIMITS.passwordMin, `must be at least ${LIMITS.passwordMin} characters`)
  .max(LIMITS.passwordMax, `must be at most ${LIMITS.passwordMax} characters`);

/** ISO 3166-1 alpha-2 region code (drives crisis resources). */
export const Region = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as GB or US');

export const TimeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/London');

export const LanguageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code such as en or pt-BR');

export const SignUpBody = z.strictObject({
  handle: Handle,
  password: Password,
  email: z.email('must be a valid email address').max(LIMITS.emailMax).optional(),
  ageConfirmed: z.literal(true, { message: `you must confirm you are ${LIMITS.minimumAge} or older` }),
  region: Region.optional(),
  timeZone: TimeZone.optional(),
});

export const SignInBody = z.strictObject({
  handle: z.string().trim().min(1, 'is required').max(LIMITS.handleMax + 10),
  password: z.string().min(1, 'is required').max(LIMITS.passwordMax),
});

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, 'is required').max(LIMITS.passwordMax),
  newPassword: Password,
});

export const ProfileUpdateBody = z.strictObject({
  pronouns: z.string().trim().max(LIMITS.pronounsMax).nullable().optional(),
  region: Region.nullable().optional(),
  timeZone: TimeZone.nullable().optional(),
  languages: z.array(LanguageTag).max(LIMITS.languagesMax).optional(),
  experienceTags: z.array(ExperienceTag).max(LIMITS.experienceTagsMax).optional(),
  experienceNote: z.string().trim().max(LIMITS.experienceNoteMax).nullable().optional(),
  bio: z.string().trim().max(LIMITS.bioMax).nullable().optional(),
  messagePolicy: MessagePolicy.optional(),
  email: z.email('must be a valid email address').max(LIMITS.emailMax).nullable().optional(),
});

export const RolesBody = z.strictObject({
  roles: z.array(Role).max(ROLES.length),
});

export const EraseBody = z.strictObject({
  password: z.string().min(1, 'is required').max(LIMITS.passwordMax),
  publicPosts: z.enum(['delete', 'anonymize']),
  confirm: z.literal('DELETE', { message: 'type DELETE to confirm' }),
});

export const Me = z.object({
  id: z.string(),
  handle: z.string(),
  email: z.string().nullable(),
  pronouns: z.string().nullable(),
  region: z.string().nullable(),
  timeZone: z.string().nullable(),
  languages: z.array(z.string()),
  experienceTags: z.array(z.string()),
  experienceNote: z.string().nullable(),
  bio: z.string().nullable(),
  /** The bio is held for a supervisor's review and shown to no one else meanwhile. */
  bioPending: z.boolean(),
  messagePolicy: MessagePolicy,
  roles: z.array(Role),
  createdAt: z.string(),
});
export type Me = z.infer<typeof Me>;

/**
 * Who is signed in, asked by every page: a signed-out visitor is an answer (200, `me: null`), not
 * an error, so the browser logs nothing for them. `/api/me` stays 401 without a session.
 */
export const SessionState = z.object({ signedIn: z.boolean(), me: Me.nullable() });
export type SessionState = z.infer<typeof SessionState>;

export const PublicProfile = z.object({
  id: z.string(),
  handle: z.string(),
  pronouns: z.string().nullable(),
  experienceTags: z.array(z.string()),
  bio: z.string().nullable(),
  roles: z.array(Role),
});

export const SessionView = z.object({
  id: z.string(),
  deviceLabel: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});

export const AuditEntryView = z.object({
  id: z.string(),
  at: z.string(),
  actorHandle: z.string().nullable(),
  actorRole: z.string(),
  action: z.string(),
  objectType: z.string(),
  reason: z.string(),
});

export const UserAdminView = z.object({
  id: z.string(),
  handle: z.string(),
  roles: z.array(Role),
  createdAt: z.string(),
});

export { SafetyNotice } from './safety.js';
