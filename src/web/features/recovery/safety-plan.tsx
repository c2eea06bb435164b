import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../contracts/accounts.js';
import { TextAreaField } from '../../components/fields.js';
import { ErrorNotice, Loading, SuccessNotice } from '../../components/status.js';
import { WriteNotice } from '../../app/write-notice.js';
import { CrisisResourcesView } from '../safety/crisis-resources.js';
import { browserRegion, formatDateTime } from '../../lib/i18n.js';
import { LIMITS, useSafetyPlan, useSaveSafetyPlan, type SafetyPlan, type SafetyPlanWritten } from './api.js';

const CONTACT_SECTIONS = ['distractions', 'helpers', 'professionals'] as const;
/** The Stanley–Brown order. */
const ORDER = ['warningSigns', 'internalCoping', 'distractions', 'helpers', 'professionals', 'safeEnvironment'] as const;
type Section = (typeof ORDER)[number];
interface Contact {
  name: string;
  phone: string;
}
type Draft = Record<'warningSigns' | 'internalCoping' | 'safeEnvironment', string[]> & Record<(typeof CONTACT_SECTIONS)[number], Contact[]> & { reasonForLiving: string };

/**
 * One line of the plan: a text, or a name with its phone number. The name sits in its own <bdi>,
 * so a direction override in it cannot turn the number around.
 */
export function PlanItem({ item }: { item: string | { name: string; phone?: string | null } }) {
  if (typeof item === 'string') return <>{item}</>;
  return (
    <>
      <bdi>{item.name}</bdi>
      {item.phone ? ` (${item.phone})` : null}
    </>
  );
}

function toDraft(p: SafetyPlan): Draft {
  const contacts = (list: SafetyPlan['helpers']) => list.map((c) => ({ name: c.name, phone: c.phone ?? '' }));
  return {
    warningSigns: p.warningSigns,
    internalCoping: p.internalCoping,
    safeEnvironment: p.safeEnvironment,
    distractions: contacts(p.distractions),
    helpers: contacts(p.helpers),
    professionals: contacts(p.professionals),
    reasonForLiving: p.reasonForLiving ?? '',
  };
}

/**
 * One section: its lines as a list, each with a Remove button, then an "add" line. Enter in the
 * add line adds it; after a removal focus returns to the add line, so a keyboard user never loses
 * their place.
 */
function SectionEditor({ section, items, onChange }: { section: Section; items: (string | Contact)[]; onChange(next: (string | Contact)[]): void }) {
  const { t } = useTranslation();
  const id = useId();
  const isContact = (CONTACT_SECTIONS as readonly string[]).includes(section);
  const [text, setText] = useState('');
  const [phone, setPhone] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const title = t(`recovery.safetyPlan.sections.${section}.title`);
  const add = () => {
    const value = text.trim();
    if (!value || items.length >= LIMITS.planItemsMax) return;
    onChange([...items, isContact ? { name: value, phone: phone.trim() } : value]);
    setText('');
    setPhone('');
    input.current?.focus();
  };
  const onEnter = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add();
    }
  };
  const label = (item: string | Contact) => (typeof item === 'string' ? item : item.phone ? `${item.name} (${item.phone})` : item.name);
  return (
    <fieldset className="card stack" aria-describedby={`${id}-hint`}>
      <legend>
        <h3>{title}</h3>
      </legend>
      <p className="field__hint" id={`${id}-hint`}>
        {t(`recovery.safetyPlan.sections.${section}.hint`)}
      </p>
      {items.length === 0 ? <p className="muted">{t('recovery.safetyPlan.empty')}</p> : null}
      <ul className="plain-list" aria-label={title}>
        {items.map((item, i) => (
          <li key={i} className="button-row">
            <span>
              <PlanItem item={item} />
            </span>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                onChange(items.filter((_, j) => j !== i));
                input.current?.focus();
              }}
            >
              <span aria-hidden="true">×</span>
              <span className="visually-hidden">{t('recovery.safetyPlan.remove', { item: label(item) })}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <div className="field">
          <label htmlFor={`${id}-text`}>{t(`recovery.safetyPlan.sections.${section}.item`)}</label>
          <input ref={input} id={`${id}-text`} type="text" value={text} maxLength={LIMITS.planItemMax} onChange={(e) => setText(e.target.value)} onKeyDown={onEnter} />
        </div>
        {isContact ? (
          <div className="field">
            <label htmlFor={`${id}-phone`}>{t('recovery.safetyPlan.phone')}</label>
            <input id={`${id}-phone`} type="tel" value={phone} maxLength={40} onChange={(e) => setPhone(e.target.value)} onKeyDown={onEnter} />
          </div>
        ) : null}
        <button type="button" className="button button--secondary button--small" onClick={add} disabled={items.length >= LIMITS.planItemsMax}>
          {t('recovery.safetyPlan.add')}
          <span className="visually-hidden"> {t('recovery.safetyPlan.addTo', { section: title })}</span>
        </button>
      </div>
    </fieldset>
  );
}

function Editor({ plan, region }: { plan: SafetyPlan; region: string }) {
  const { t } = useTranslation();
  const save = useSaveSafetyPlan();
  const [draft, setDraft] = useState<Draft>(() => toDraft(plan));
  const [written, setWritten] = useState<SafetyPlanWritten | null>(null);
  useEffect(() => setDraft(toDraft(plan)), [plan]);
  const submit = () => {
    const contacts = (list: Contact[]) => list.map((c) => (c.phone ? { name: c.name, phone: c.phone } : { name: c.name }));
    save.mutate(
      {
        warningSigns: draft.warningSigns,
        internalCoping: draft.internalCoping,
        safeEnvironment: draft.safeEnvironment,
        distractions: contacts(draft.distractions),
        helpers: contacts(draft.helpers),
        professionals: contacts(draft.professionals),
        reasonForLiving: draft.reasonForLiving.trim() || null,
      },
      { onSuccess: (r) => setWritten(r) },
    );
  };
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {ORDER.map((s) => (
        <SectionEditor key={s} section={s} items={draft[s]} onChange={(next) => setDraft({ ...draft, [s]: next } as Draft)} />
      ))}
      <TextAreaField label={t('recovery.safetyPlan.reasonForLiving')} rows={3} maxLength={LIMITS.reasonMax} value={draft.reasonForLiving} onChange={(e) => setDraft({ ...draft, reasonForLiving: e.target.value })} />
      <ErrorNotice error={save.error} />
      {written && !save.isPending ? (
        <>
          <WriteNotice notice={written.safety} pending={false} heldMessage="" pendingMessage="" onDismiss={() => setWritten(null)} />
          <SuccessNotice>{t('recovery.safetyPlan.saved')}</SuccessNotice>
        </>
      ) : null}
      {plan.updatedAt ? <p className="muted">{t('recovery.safetyPlan.lastSaved', { when: formatDateTime(plan.updatedAt) })}</p> : null}
      <button type="submit" className="button" disabled={save.isPending}>
        {t('recovery.safetyPlan.save')}
      </button>
      <section aria-labelledby="plan-crisis-lines" className="stack">
        <h3 id="plan-crisis-lines">{t('recovery.safetyPlan.crisisLines')}</h3>
        <CrisisResourcesView defaultRegion={region} headingLevel={3} />
      </section>
    </form>
  );
}

/** The Stanley–Brown safety plan: six sections of short lines, a reason for living, and the crisis lines. */
export function SafetyPlanSection({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { data, isPending, error } = useSafetyPlan();
  return (
    <section className="stack" aria-labelledby="safety-plan-title">
      <h2 id="safety-plan-title">{t('recovery.safetyPlan.title')}</h2>
      <p>{t('recovery.safetyPlan.intro')}</p>
      {isPending ? <Loading /> : null}
      <ErrorNotice error={error} />
      {data ? <Editor plan={data} region={me.region ?? browserRegion() ?? 'INTL'} /> : null}
    </section>
  );
}
