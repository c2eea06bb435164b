import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CertificateView as CertificateSchema,
  HeldCertificateView as HeldCertificateSchema,
  KindStatusView as KindStatusSchema,
  ModuleDetailView as ModuleDetailSchema,
  MySignOffRequestView as MySignOffSchema,
  PracticeResultView as PracticeResultSchema,
  QuizResultView as QuizResultSchema,
  SignOffDecisionView as SignOffDecisionSchema,
  SignOffRequestView as SignOffRequestSchema,
  TrainingOverview as TrainingOverviewSchema,
} from '../../../contracts/training.js';
import { api } from '../../lib/api.js';
import { useDraftKey } from '../../lib/draft-key.js';
import '../../locales/load-training.js';
import './training.css';

export type TrainingOverview = z.infer<typeof TrainingOverviewSchema>;
export type KindStatus = z.infer<typeof KindStatusSchema>;
export type CertificateKind = KindStatus['kind'];
export type Certificate = z.infer<typeof CertificateSchema>;
export type HeldCertificate = z.infer<typeof HeldCertificateSchema>;
export type ModuleSummary = TrainingOverview['modules'][number];
export type ModuleDetail = z.infer<typeof ModuleDetailSchema>;
export type QuizQuestion = ModuleDetail['questions'][number];
export type PracticeScenario = ModuleDetail['practice'][number];
export type PracticeReply = ModuleDetail['myPractice'][number];
export type QuizResult = z.infer<typeof QuizResultSchema>;
export type PracticeResult = z.infer<typeof PracticeResultSchema>;
export type MySignOff = z.infer<typeof MySignOffSchema>;
export type SignOffRequest = z.infer<typeof SignOffRequestSchema>;
export type SignOffDecision = z.infer<typeof SignOffDecisionSchema>;

// The contract's lists, repeated as plain data: importing them would bring zod into this chunk.
export const CERTIFICATE_KINDS: readonly CertificateKind[] = ['peer_supporter', 'facilitator'];
export const LIMITS = { practiceReplyMax: 4_000, decisionNoteMax: 1_000, revokeReasonMax: 1_000, priorTrainingNoteMax: 500 } as const;

const enc = encodeURIComponent;
/** Every training query starts with 'training': a change anywhere asks for all of them again. */
const KEY = ['training'] as const;

export function useTraining() {
  return useQuery({ queryKey: [...KEY, 'overview'], queryFn: () => api<TrainingOverview>('/api/training') });
}

export function useModule(id: string) {
  return useQuery({ queryKey: [...KEY, 'module', id], queryFn: () => api<ModuleDetail>(`/api/training/modules/${enc(id)}`) });
}

function useTrainingWrite<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}

export function useMarkRead(moduleId: string) {
  return useTrainingWrite(() => api<{ progress: ModuleDetail['progress'] }>(`/api/training/modules/${enc(moduleId)}/lesson-read`, { method: 'POST' }));
}

export function useSubmitQuiz(moduleId: string) {
  return useTrainingWrite((answers: Record<string, string[]>) => api<QuizResult>(`/api/training/modules/${enc(moduleId)}/quiz`, { method: 'POST', body: { answers } }));
}

export function usePractise(moduleId: string, scenarioId: string) {
  const draft = useDraftKey();
  return useTrainingWrite((reply: string) =>
    draft.send({ moduleId, scenarioId, reply }, (clientId) => api<PracticeResult>(`/api/training/modules/${enc(moduleId)}/practice/${enc(scenarioId)}`, { method: 'POST', body: { reply, clientId } })),
  );
}

export function useRequestSignOff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (kind: CertificateKind) => api<MySignOff>('/api/training/sign-off-requests', { method: 'POST', body: { kind } }),
    // The role may change later (at sign-off); the page and the menu read it afresh then.
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

// ── supervisors and admins ─────────────────────────────────────────────────────

export function useSignOffRequests(status: 'pending' | 'decided') {
  return useQuery({ queryKey: [...KEY, 'sign-off', status], queryFn: () => api<{ requests: SignOffRequest[] }>(`/api/supervision/sign-off-requests?status=${status}`).then((r) => r.requests) });
}

export function useDecideSignOff() {
  return useTrainingWrite((v: { id: string; decision: 'approve' | 'decline'; note?: string }) =>
    api<SignOffDecision>(`/api/supervision/sign-off-requests/${enc(v.id)}/${v.decision}`, { method: 'POST', body: v.note ? { note: v.note } : {} }),
  );
}

export function useCertificates() {
  return useQuery({ queryKey: [...KEY, 'certificates'], queryFn: () => api<{ certificates: HeldCertificate[] }>('/api/supervision/certificates').then((r) => r.certificates) });
}

export function useRevokeCertificate() {
  return useTrainingWrite((v: { id: string; reason: string }) => api<Certificate>(`/api/certificates/${enc(v.id)}/revoke`, { method: 'POST', body: { reason: v.reason } }));
}

export function useRecordPriorTraining() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { userId: string; kind: CertificateKind; note: string; completedOn?: string }) => api<Certificate>('/api/admin/certificates', { method: 'POST', body: v }),
    // The role comes with the certificate: the admin's list shows it.
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: KEY }), qc.invalidateQueries({ queryKey: ['admin-users'] })]),
  });
}
