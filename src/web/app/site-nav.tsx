import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation, useNavigate } from 'react-router';
import type { Me } from '../../contracts/accounts.js';
import { markSignedOut, useSignOut } from '../features/auth/api.js';
import MentoringPresence from './mentoring-presence.js';

interface Place {
  to: string;
  key: string;
  /** Current only on this exact path (a parent of other places). */
  end?: boolean;
}

/** The places of a role, each shown only to people who have it (the server checks them anyway). */
function rolePlaces(roles: readonly string[]): Place[] {
  const has = (r: string) => roles.includes(r);
  const staff = has('supervisor') || has('admin');
  const places: (Place | false)[] = [
    has('peer_supporter') && { to: '/support/offers', key: 'nav.offers' },
    (has('peer_supporter') || has('facilitator')) && { to: '/my-supervision', key: 'nav.mySupervision' },
    staff && { to: '/supervision/alerts', key: 'nav.supervision' },
    staff && { to: '/moderation', key: 'nav.moderation' },
    has('supervisor') && { to: '/supervision', key: 'nav.mySupporters', end: true },
    has('supervisor') && { to: '/supervision/mentoring', key: 'nav.mentoringOversight' },
    staff && { to: '/supervision/sign-off', key: 'nav.signOff' },
    has('admin') && { to: '/admin/users', key: 'nav.admin' },
    has('admin') && { to: '/admin/supervision', key: 'nav.supervisors' },
  ];
  return places.filter((p): p is Place => p !== false);
}

/** A member's other spaces, one tap into "More". */
const MORE_PLACES: Place[] = [
  { to: '/groups', key: 'nav.groups' },
  { to: '/circles', key: 'nav.circles' },
  { to: '/library', key: 'nav.library', end: true },
  { to: '/library/directory', key: 'nav.directory' },
  { to: '/training', key: 'nav.training' },
];

function isAt(pathname: string, p: Place): boolean {
  return p.end ? pathname === p.to : pathname === p.to || pathname.startsWith(`${p.to}/`);
}

/**
 * The site navigation (ADR 050): one row at every width, of the places a person comes
 * back for (home, the community, their peer supporter, their recovery; on a phone the fourth is
 * the first place of "More"), then "More" for the rest, their roles' places and their account. "Get help now" is not here: it is in the
 * header, which stays on screen. "More" is a disclosure (a button with `aria-expanded` over a list
 * of links, which the keyboard opens with Enter, Space or the arrows, walks with the arrows, Home
 * and End, and leaves with Escape or Tab), closed by a click outside it or by following a link (even to the
 * page already open). Its list scrolls with the page, under the header (base.css).
 */
export function SiteNav({ me }: { me: Me | null | undefined }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const isSupporter = !!me?.roles.includes('peer_supporter');
  // The row's fourth place; on a phone it is the first of "More", so that the row stays one row.
  const fourth: Place = me ? { to: '/recovery', key: 'nav.recovery' } : { to: '/sign-in', key: 'nav.signIn' };
  return (
    <nav className="site-nav" aria-label={t('nav.label')}>
      <ul className="site-nav__row">
        <li>
          <NavLink to="/" end>
            {t('nav.home')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/community">{t('nav.community')}</NavLink>
        </li>
        <li>
          {/* A supporter's offers live under /support: "Peer support" is current on its own page only. */}
          <NavLink to="/support" end={isSupporter}>
            {t('nav.support')}
            {me ? <MentoringPresence userId={me.id} /> : null}
          </NavLink>
        </li>
        <li className="site-nav__wide">
          <NavLink to={fourth.to}>{t(fourth.key)}</NavLink>
        </li>
        <li className="site-nav__more">
          <MoreMenu me={me} pathname={pathname} narrow={fourth} />
        </li>
      </ul>
    </nav>
  );
}

function MoreMenu({ me, pathname, narrow }: { me: Me | null | undefined; pathname: string; narrow: Place }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const ids = useId();

  const places = me ? MORE_PLACES : [{ to: '/groups', key: 'nav.groups' }];
  const roles = me ? rolePlaces(me.roles) : [];
  const account: Place[] = me
    ? [
        { to: '/profile', key: 'nav.profile' },
        { to: '/privacy', key: 'nav.privacy' },
      ]
    : [{ to: '/sign-up', key: 'nav.signUp' }];
  // "More" says so when the page open is one of its places (a button cannot be aria-current).
  const current = [...places, ...roles, ...account].some((p) => isAt(pathname, p));
  const currentNarrow = isAt(pathname, narrow);

  // Following a link closes it; the new page's heading takes focus (components/page.tsx).
  useEffect(() => setOpen(false), [pathname]);
  // So does following one to the page already open, which changes no path and mounts no page: its
  // heading takes focus here instead, as a new page's would (the link itself is hidden with the list).
  const follow = (to: string) => () => {
    setOpen(false);
    if (to === pathname) (document.querySelector<HTMLElement>('main h1[tabindex="-1"]') ?? button.current)?.focus();
  };

  // A click or tap outside closes it, leaving focus where that click put it.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  // Shown ones only: the row's fourth place is here on a phone alone.
  const items = () => [...(panel.current?.querySelectorAll<HTMLElement>('a, button:not(:disabled)') ?? [])].filter((el) => el.getClientRects().length > 0);
  const focusItem = (which: 'first' | 'last') => {
    // The panel is shown by this render's commit: focus after it.
    requestAnimationFrame(() => {
      const all = items();
      (which === 'first' ? all[0] : all[all.length - 1])?.focus();
    });
  };
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  // Enter and Space click the button; a click from the keyboard (`detail` 0) goes on into the list.
  const onButtonClick = (e: MouseEvent<HTMLButtonElement>) => {
    if (open) return setOpen(false);
    setOpen(true);
    if (e.detail === 0) focusItem('first');
  };
  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      focusItem(e.key === 'ArrowUp' ? 'last' : 'first');
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close();
    }
  };

  const onPanelKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (e.key === 'Escape') close();
    else if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at < 0 ? -1 : at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(-1);
    else return;
    e.preventDefault();
  };

  const list = (ps: Place[]) =>
    ps.map((p) => (
      <li key={p.to}>
        <NavLink to={p.to} end={!!p.end} onClick={follow(p.to)}>
          {t(p.key)}
        </NavLink>
      </li>
    ));

  return (
    <div
      ref={wrapper}
      className="more"
      // Tabbing out of it closes it (a click outside is the pointerdown handler's: a click on the
      // list's own labels moves focus nowhere, and must not close it).
      onBlur={(e) => {
        if (open && e.relatedTarget && !wrapper.current?.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="more__button"
        aria-expanded={open}
        aria-controls={`${ids}-more`}
        data-current={current || undefined}
        data-current-narrow={currentNarrow || undefined}
        onClick={onButtonClick}
        onKeyDown={onButtonKey}
      >
        {t('nav.more')}
        <span className="more__chevron" aria-hidden="true" />
      </button>
      <div ref={panel} id={`${ids}-more`} className="more__panel" hidden={!open} onKeyDown={onPanelKey}>
        <ul>
          <li className="more__narrow">
            <NavLink to={narrow.to} onClick={follow(narrow.to)}>
              {t(narrow.key)}
            </NavLink>
          </li>
          {list(places)}
        </ul>
        {roles.length > 0 ? (
          <>
            <p className="more__label" id={`${ids}-roles`}>
              {t('nav.rolesLabel')}
            </p>
            <ul aria-labelledby={`${ids}-roles`}>{list(roles)}</ul>
          </>
        ) : null}
        <p className="more__label" id={`${ids}-account`}>
          {t('nav.accountLabel')}
        </p>
        <ul aria-labelledby={`${ids}-account`}>
          {list(account)}
          {me ? (
            <li>
              <button
                type="button"
                className="more__item-button"
                disabled={signOut.isPending}
                onClick={() =>
                  signOut.mutate(undefined, {
                    onSuccess: () => {
                      markSignedOut(qc, 'signed-out');
                      void navigate('/sign-in?reason=signed-out');
                    },
                  })
                }
              >
                {t('nav.signOut')}
                <span className="visually-hidden"> ({t('nav.signedInAs', { handle: me.handle })})</span>
              </button>
            </li>
          ) : null}
        </ul>
      </div>
    </div>
  );
}
