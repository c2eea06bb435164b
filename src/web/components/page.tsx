import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

let firstPage = true;

/**
 * A page: sets the document title and, after an in-app navigation, moves focus to the page's
 * heading so screen reader users hear where they arrived (the first load keeps the browser's focus).
 */
export function Page({ title, children, intro }: { title: string; intro?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('app.pageTitle', { title });
  }, [t, title]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    h1.current?.focus();
  }, []);
  return (
    <>
      <h1 ref={h1} tabIndex={-1}>
        {title}
      </h1>
      {intro ? <p className="lead">{intro}</p> : null}
      {children}
    </>
  );
}
