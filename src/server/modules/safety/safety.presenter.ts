import type { z } from 'zod';
import type { AlertDetailView, AlertSource, AlertSummaryView, CrisisLine, HeldItemView } from '../../../contracts/safety.js';

/** The privacy boundary for safety: what supervisors and members may see of verdicts and alerts. */

export function presentCrisisLine(r: {
  id: string;
  region: string;
  kind: string;
  name: string;
  description: string;
  phone: string | null;
  sms: string | null;
  web: string | null;
  hours: string;
}): CrisisLine {
  return {
    id: r.id,
    region: r.region,
    kind: r.kind as CrisisLine['kind'],
    name: r.name,
    description: r.description,
    phone: r.phone,
    sms: r.sms,
    web: r.web,
    hours: r.hours,
  };
}

export function presentAlertSummary(a: {
  id: string;
  level: number;
  status: string;
  escalated: number;
  due_at: string;
  created_at: string;
  acknowledged_at: string | null;
  resolved_at: string | null;
  outcome: string | null;
  categories: string;
  object_type: string;
  subject: string;
}, now: Date): z.infer<typeof AlertSummaryView> {
  return {
    id: a.id,
    level: a.level,
    status: a.status as 'open' | 'acknowledged' | 'resolved',
    escalated: a.escalated === 1,
    dueAt: a.due_at,
    overdue: a.status === 'open' && new Date(a.due_at) <= now,
    createdAt: a.created_at,
    acknowledgedAt: a.acknowledged_at,
    resolvedAt: a.resolved_at,
    outcome: a.outcome,
    categories: JSON.parse(a.categories) as string[],
    objectType: a.object_type,
    subject: a.subject,
  };
}

export function presentAlertDetail(
  a: Parameters<typeof presentAlertSummary>[0] & {
    user_id: string | null;
    member_handle: string | null;
    member_region: string | null;
    object_id: string;
    reasons: string;
    method_detail: number;
  },
  notes: { id: string; authorHandle: string | null; createdAt: string; body: string }[],
  source: AlertSource,
  now: Date,
): z.infer<typeof AlertDetailView> {
  return {
    ...presentAlertSummary(a, now),
    member: a.user_id ? { id: a.user_id, handle: a.member_handle ?? 'former member', region: a.member_region } : null,
    objectId: a.object_id,
    reasons: (JSON.parse(a.reasons) as { code: string; level: number }[]).map((r) => ({ code: r.code, level: r.level })),
    methodDetail: a.method_detail === 1,
    notes,
    source,
  };
}

export function presentHeldItem(h: {
  id: string;
  object_type: string;
  object_id: string;
  reason: string;
  status: string;
  created_at: string;
  user_id: string | null;
  author_handle: string | null;
  text: string | null;
  title: string | null;
  anonymous: boolean;
}): z.infer<typeof HeldItemView> {
  return {
    id: h.id,
    objectType: h.object_type,
    objectId: h.object_id,
    reason: h.reason as z.infer<typeof HeldItemView>['reason'],
    status: h.status as z.infer<typeof HeldItemView>['status'],
    createdAt: h.created_at,
    authorHandle: h.author_handle,
    anonymous: h.anonymous,
    text: h.text,
    title: h.title,
  };
}
