import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Me, SafetyNotice } from '../../../contracts/accounts.js';
import { api } from '../../lib/api.js';

export interface ProfileUpdate {
  pronouns?: string | null;
  region?: string | null;
  timeZone?: string | null;
  languages?: string[];
  experienceTags?: string[];
  experienceNote?: string | null;
  bio?: string | null;
  messagePolicy?: Me['messagePolicy'];
  email?: string | null;
}

export type ProfileSaved = Me & { safety: SafetyNotice | null };

export function useUpdateProfile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileUpdate) => api<ProfileSaved>('/api/me/profile', { method: 'PATCH', body }),
    onSuccess: ({ safety: _safety, ...me }) => qc.setQueryData(['me'], me),
  });
}
