import type { Generated } from 'kysely';

/**
 * The database schema as Kysely sees it. Portable types only: text ids (UUIDv7), ISO-8601 UTC
 * text times, integers for booleans, JSON as text. Migrations in /migrations create exactly this.
 */
export interface UsersTable {
  id: string;
  handle: string;
  /** Lower-cased handle for unique look-ups. */
  handle_key: string;
  password_hash: string;
  /** Encrypted (field encryption); recovery only. */
  email_enc: string | null;
  pronouns: string | null;
  region: string | null;
  time_zone: string | null;
  /** JSON array of BCP-47 language tags. */
  languages: string;
  /** JSON array of curated tags. */
  experience_tags: string;
  experience_note: string | null;
  bio: string | null;
  /** 'visible', or 'pending' while the safety screen holds it for review. */
  bio_state: 'visible' | 'pending';
  message_policy: 'nobody' | 'supporters' | 'members';
  age_confirmed_at: string;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
  granted_by: string | null;
  granted_at: string;
}

export interface SessionsTable {
  /** sha256 of the cookie token: the token itself is never stored. */
  id: string;
  user_id: string;
  device_label: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface AuthThrottleTable {
  /** "handle:<key>" or "ip:<addr>" */
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: string;
  /** Whose data was accessed: this person sees the entry on "Who saw my data". */
  subject_user_id: string;
  actor_id: string | null;
  actor_role: string;
  action: string;
  object_type: string;
  object_id: string | null;
  reason: string;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  type: string;
  payload: string;
  created_at: string;
  attempts: Generated<number>;
}

export interface CrisisLinesTable {
  id: string;
  /** ISO 3166-1 alpha-2 region, or "INTL" for the international fallback. */
  region: string;
  kind: 'emergency' | 'crisis_line' | 'text_line' | 'directory';
  name: string;
  description: string;
  phone: string | null;
  sms: string | null;
  web: string | null;
  hours: string;
  sort_order: number;
}

export interface ScreeningsTable {
  id: string;
  user_id: string | null;
  /** What was screened: "profile_bio", "post", "message", … and its id. */
  object_type: string;
  object_id: string;
  level: number;
  categories: string;
  reasons: string;
  method_detail: number;
  subject: string;
  version: string;
  created_at: string;
}

export interface SafetyAlertsTable {
  id: string;
  user_id: string | null;
  screening_id: string;
  level: number;
  status: 'open' | 'acknowledged' | 'resolved';
  /** 0 = supervisors on duty; 1 = escalated to every supervisor and admin. */
  escalated: number;
  due_at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  outcome: string | null;
  created_at: string;
}

export interface SafetyAlertNotesTable {
  id: string;
  alert_id: string;
  author_id: string | null;
  body_enc: string;
  created_at: string;
}

export type HeldReason = 'method_detail' | 'harassment' | 'imminent_risk';

export interface HeldContentTable {
  id: string;
  user_id: string | null;
  object_type: string;
  object_id: string;
  reason: HeldReason;
  status: 'pending' | 'released' | 'edited' | 'removed';
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface SupervisorDutyTable {
  user_id: string;
  on_duty: number;
  updated_at: string;
}

export interface Database {
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  auth_throttle: AuthThrottleTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  crisis_lines: CrisisLinesTable;
  screenings: ScreeningsTable;
  safety_alerts: SafetyAlertsTable;
  safety_alert_notes: SafetyAlertNotesTable;
  held_content: HeldContentTable;
  supervisor_duty: SupervisorDutyTable;
}
