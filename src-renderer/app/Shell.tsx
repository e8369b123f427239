import { Layout } from 'antd';
import { DraftKeeper, IntakePage } from '../features/intake';
import { CasePage, CasesPage } from '../features/cases';
import { PetitionerPage } from '../features/petitioner';
import { CalendarBanner, SettingsPage } from '../features/settings';
import { DirectoryLoader } from './directory';
import { useNav, type Page } from './nav-store';
import { TopBar } from './TopBar';

/** The signed-in desk: the top bar and the current page. */
export function Shell() {
  const page = useNav((s) => s.page);
  return (
    <Layout className="desk-shell">
      <DirectoryLoader />
      <DraftKeeper />
      <TopBar />
      <Layout.Content className="desk-content">
        <CalendarBanner />
        <CurrentPage page={page} />
      </Layout.Content>
    </Layout>
  );
}

function CurrentPage({ page }: { page: Page }) {
  switch (page.name) {
    case 'intake':
      return <IntakePage />;
    case 'cases':
      return <CasesPage />;
    case 'case':
      return <CasePage key={page.id} id={page.id} />;
    case 'petitioner':
      return <PetitionerPage key={page.id} id={page.id} edit={page.edit ?? false} />;
    case 'settings':
      return <SettingsPage />;
  }
}
