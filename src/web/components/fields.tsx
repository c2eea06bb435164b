import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

export interface FieldBits {
  label: ReactNode;
  hint?: ReactNode;
  /** The server's (or our) message about this field; shown under it and announced with it. */
  error?: string | undefined;
}

function describedBy(hintId: string, errorId: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
}

function useFieldIds(id?: string) {
  const auto = useId();
  const base = id ?? auto;
  return { id: base, hintId: `${base}-hint`, errorId: `${base}-error` };
}

function FieldMessages({ hint, error, hintId, errorId }: { hint?: ReactNode; error?: string | undefined; hintId: string; errorId: string }) {
  return (
    <>
      {hint ? (
        <span className="field__hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="field__error" id={errorId}>
          {error}
        </span>
      ) : null}
    </>
  );
}

export function TextField({ label, hint, error, id, ...input }: FieldBits & InputHTMLAttributes<HTMLInputElement>) {
  const ids = useFieldIds(id);
  return (
    <div className="field">
      <label htmlFor={ids.id}>{label}</label>
      <FieldMessages hint={hint} error={error} hintId={ids.hintId} errorId={ids.errorId} />
      <input
        type="text"
        {...input}
        id={ids.id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids.hintId, ids.errorId, hint, error)}
      />
    </div>
  );
}

export function TextAreaField({ label, hint, error, id, ...input }: FieldBits & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = useFieldIds(id);
  return (
    <div className="field">
      <label htmlFor={ids.id}>{label}</label>
      <FieldMessages hint={hint} error={error} hintId={ids.hintId} errorId={ids.errorId} />
      <textarea
        {...input}
        id={ids.id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids.hintId, ids.errorId, hint, error)}
      />
    </div>
  );
}

export function SelectField({ label, hint, error, id, children, ...select }: FieldBits & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = useFieldIds(id);
  return (
    <div className="field">
      <label htmlFor={ids.id}>{label}</label>
      <FieldMessages hint={hint} error={error} hintId={ids.hintId} errorId={ids.errorId} />
      <select
        {...select}
        id={ids.id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids.hintId, ids.errorId, hint, error)}
      >
        {children}
      </select>
    </div>
  );
}

export function CheckboxField({ label, hint, error, id, ...input }: FieldBits & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const ids = useFieldIds(id);
  return (
    <div className="field">
      <div className="check">
        <input
          {...input}
          type="checkbox"
          id={ids.id}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(ids.hintId, ids.errorId, hint, error)}
        />
        <label htmlFor={ids.id}>{label}</label>
      </div>
      <FieldMessages hint={hint} error={error} hintId={ids.hintId} errorId={ids.errorId} />
    </div>
  );
}
