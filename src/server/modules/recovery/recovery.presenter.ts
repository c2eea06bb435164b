import type { z } from 'zod';
import type { GoalView, JournalEntryView, SharedGoalView, MoodCheckinView, SafetyPlanBody, SafetyPlanView } from '../../../contracts/recovery.js';
import type { GoalRow, JournalRow, MoodCheckinRow, StepRow } from './recovery.repository.js';

/** The recovery presenters are for the owner only: the service opens the sealed words and checks the owner first. */

export function presentGoal(g: GoalRow, title: string, steps: { row: StepRow; text: string }[]): z.infer<typeof GoalView> {
  return {
    id: g.id,
    title,
    targetDate: g.target_date,
    done: g.done_at !== null,
    doneAt: g.done_at,
    steps: steps.map((s) => ({ id: s.row.id, text: s.text, done: s.row.done_at !== null, doneAt: s.row.done_at })),
    stepsDone: steps.filter((s) => s.row.done_at !== null).length,
    createdAt: g.created_at,
  };
}

/** What a group sees of a goal its owner shared: title and progress in figures, never the steps' words. */
export function presentSharedGoal(g: { id: string; target_date: string | null; done_at: string | null; handle: string }, title: string, steps: { done: number; total: number }): SharedGoalView {
  return { goalId: g.id, handle: g.handle, title, stepsDone: steps.done, stepsTotal: steps.total, reached: g.done_at !== null, targetDate: g.target_date };
}

export type StoredSafetyPlan = z.infer<typeof SafetyPlanBody>;

export function presentSafetyPlan(plan: StoredSafetyPlan | null, updatedAt: string | null): z.infer<typeof SafetyPlanView> {
  const contacts = (list: StoredSafetyPlan['helpers'] | undefined) => (list ?? []).map((c) => ({ name: c.name, phone: c.phone ?? null, note: c.note ?? null }));
  return {
    warningSigns: plan?.warningSigns ?? [],
    internalCoping: plan?.internalCoping ?? [],
    distractions: contacts(plan?.distractions),
    helpers: contacts(plan?.helpers),
    professionals: contacts(plan?.professionals),
    safeEnvironment: plan?.safeEnvironment ?? [],
    reasonForLiving: plan?.reasonForLiving ?? null,
    updatedAt,
  };
}

export function presentMoodCheckin(c: MoodCheckinRow, details: { feelings: string[]; note: string | null }): z.infer<typeof MoodCheckinView> {
  return {
    id: c.id,
    mood: c.mood,
    feelings: details.feelings,
    sleepHours: c.sleep_minutes === null ? null : Math.round(c.sleep_minutes / 6) / 10,
    sleepQuality: c.sleep_quality,
    note: details.note,
    createdAt: c.created_at,
  };
}

export function presentJournalEntry(e: JournalRow, title: string | null, body: string): z.infer<typeof JournalEntryView> {
  return { id: e.id, title, body, createdAt: e.created_at, updatedAt: e.updated_at };
}
