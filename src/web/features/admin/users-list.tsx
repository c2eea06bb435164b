import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../contracts/accounts.js';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/status.js';
import { formatDateTime } from '../../lib/i18n.js';
import { useSetRoles, useUsers, type UserAdminView } from './api.js';

// Kept here (not imported from the zod contract) so this chunk does not carry zod.
const ROLES: Role[] = ['member', 'peer_supporter', 'facilitator', 'supervisor', 'admin'];

/** More per person, composed in by the page (e.g. recording prior training). */
export type UserExtra = (user: UserAdminView) => ReactNode;

function UserRoles({ user, extra }: { user: UserAdminView; extra?: UserExtra | undefined }) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const save = useSetRoles();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ id: user.id, roles });
  };
  return (
    <li className="card">
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('admin.rolesFor', { handle: user.handle })}</legend>
          <p className="muted">{t('admin.joined', { when: formatDateTime(user.createdAt) })}</p>
          <div className="check-grid">
            {ROLES.map((role) => (
              <div className="check" key={role}>
                <input
                  type="checkbox"
                  id={`role-${user.id}-${role}`}
                  checked={roles.includes(role)}
                  onChange={(e) => setRoles((prev) => (e.target.checked ? [...prev, role] : prev.filter((r) => r !== role)))}
                />
                <label htmlFor={`role-${user.id}-${role}`}>{t(`roles.${role}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <ErrorNotice error={save.error} />
        {save.isSuccess ? <SuccessNotice>{t('admin.saved', { handle: user.handle })}</SuccessNotice> : null}
        <button type="submit" className="button button--small" disabled={save.isPending} aria-label={t('admin.saveFor', { handle: user.handle })}>
          {t('admin.save')}
        </button>
      </form>
      {extra?.(user)}
    </li>
  );
}

export function UsersList({ extra }: { extra?: UserExtra } = {}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [handle, setHandle] = useState('');
  const { data: users, isPending, error } = useUsers(handle);
  return (
    <>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setHandle(query.trim());
        }}
      >
        <div className="field">
          <label htmlFor="user-search">{t('admin.search')}</label>
          <input id="user-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoCapitalize="none" spellCheck={false} />
        </div>
        <button type="submit" className="button button--secondary button--small">
          {t('admin.searchButton')}
        </button>
      </form>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {users && users.length === 0 ? <p>{t('admin.empty')}</p> : null}
      {users ? (
        <ul className="plain-list">
          {users.map((u) => (
            <UserRoles key={u.id} user={u} extra={extra} />
          ))}
        </ul>
      ) : null}
    </>
  );
}
