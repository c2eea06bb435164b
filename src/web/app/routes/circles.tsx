import { useTranslation } from 'react-i18next';
import { Page } from '../../components/page.js';
import { useCircles } from '../../features/circles/api.js';
import { CheckinForm, CircleList, CreateCircle } from '../../features/circles/circles.js';
import { RequireAuth } from '../require-auth.js';

function Screen() {
  const { data } = useCircles();
  return (
    <>
      <CircleList />
      {data && data.length > 0 ? <CheckinForm circles={data} /> : null}
      <CreateCircle />
    </>
  );
}

export default function CirclesPage() {
  const { t } = useTranslation();
  return (
    <RequireAuth>
      {() => (
        <Page title={t('circles.list.pageTitle')} intro={t('circles.list.intro')}>
          <Screen />
        </Page>
      )}
    </RequireAuth>
  );
}
