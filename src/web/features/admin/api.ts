import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../contracts/accounts.js';
import { api } from '../../lib/api.js';

export interface UserAdminView {
  id: string;
  handle: string;
  roles: Role[];
  createdAt: string;
}

export function useUsers(handle: string) {
  return useQuery({
    queryKey: ['admin-users', handle],
    queryFn: () => api<{ users: UserAdminView[] }>(`/api/admin/users?limit=100${handle ? `&handle=${encodeURIComponent(handle)}` : ''}`).then((r) => r.users),
  });
}

export function useSetRoles() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, roles }: { id: string; roles: Role[] }) => api<{ roles: Role[] }>(`/api/admin/users/${id}/roles`, { method: 'PUT', body: { roles } }),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['admin-users'] }), qc.invalidateQueries({ queryKey: ['me'] })]),
  });
}
