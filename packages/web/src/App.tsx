// Routes. Everything but sign-in needs a session; without one the user is sent to /login and
// brought back to where they were going afterwards.
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { createBrowserRouter, createRoutesFromElements, Navigate, Route, RouterProvider, useLocation } from 'react-router-dom';
import { Spin } from 'antd';
import { LocaleProvider } from './i18n/LocaleProvider.tsx';
import { AuthProvider, useAuth } from './auth/AuthContext.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { ChangePasswordPage } from './pages/ChangePasswordPage.tsx';
import { CampaignListPage } from './pages/CampaignListPage.tsx';
import { SpecEditorPage } from './pages/SpecEditorPage.tsx';
import { LeaderboardPage } from './pages/LeaderboardPage.tsx';
import { DataEntryPage } from './pages/DataEntryPage.tsx';
import { UnitEntryPage } from './pages/UnitEntryPage.tsx';
import { PeriodsPage } from './pages/PeriodsPage.tsx';
import { VerificationPage } from './pages/VerificationPage.tsx';
import { InboxPage } from './pages/InboxPage.tsx';
import { CasesPage } from './pages/CasesPage.tsx';
import { MeetingPage } from './pages/MeetingPage.tsx';
import { MeetingsPage } from './pages/MeetingsPage.tsx';
import { SupervisionPage } from './pages/SupervisionPage.tsx';
import { CasePage } from './pages/CasePage.tsx';
import { RequestsPage } from './pages/RequestsPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { BulletinsPage } from './pages/BulletinsPage.tsx';
import { BulletinPage } from './pages/BulletinPage.tsx';
import { VersionsPage } from './pages/VersionsPage.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { CommitmentPage, CommitmentsPage } from './pages/CommitmentsPage.tsx';
import { ProjectsPage } from './pages/ProjectsPage.tsx';
import { LeaderPage } from './pages/LeaderPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { isLeaderFirst } from './lib/leader.ts';
import { SelectionsPage } from './pages/SelectionsPage.tsx';
import { BallotsPage } from './pages/BallotsPage.tsx';
import { PeoplePage } from './pages/PeoplePage.tsx';
import { PersonPage } from './pages/PersonPage.tsx';
import { HonoursPage } from './pages/HonoursPage.tsx';
import { RollupsPage } from './pages/RollupsPage.tsx';
import { LedgerEntriesPage } from './pages/LedgerEntriesPage.tsx';
import './styles.css';

// The unit page carries ECharts; loading it on demand keeps the first load light.
const UnitPage = lazy(() => import('./pages/UnitPage.tsx').then((m) => ({ default: m.UnitPage })));
// The campaign designer carries pinyin tables and the engine: on demand too.
const DesignerPage = lazy(() => import('./pages/DesignerPage.tsx').then((m) => ({ default: m.DesignerPage })));
const NextYearPage = lazy(() => import('./pages/NextYearPage.tsx').then((m) => ({ default: m.NextYearPage })));
const pageSpinner = <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;

/** The public pages are a separate app (see main.tsx): reached by a link inside this one, load them afresh. */
function PublicPage() {
  useEffect(() => window.location.reload(), []);
  return null;
}

/** The landing page: a leader's own page (我的分管) for leaders, the campaign list for the rest. */
function Home() {
  const { user } = useAuth();
  return <Navigate to={isLeaderFirst(user) ? '/leader' : '/campaigns'} replace />;
}

function RequireAuth({ children }: { children: ReactNode }) {
  const { user, checking } = useAuth();
  const location = useLocation();
  if (checking) return <Spin size="large" style={{ display: 'block', margin: '30vh auto' }} />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  // an initial or reset password: nothing else until the user has chosen their own
  if (user.mustChangePassword) return <Navigate to="/password" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

// A data router (not <BrowserRouter>): pages with unsaved work can hold a navigation with useBlocker.
// Made on first render, not at import, so that importing this module touches no browser API.
let router: ReturnType<typeof createBrowserRouter> | undefined;
const routes = createRoutesFromElements(
  <>
    <Route path="/login" element={<LoginPage />} />
    <Route path="/password" element={<ChangePasswordPage />} />
    {['/m/*', '/screen/*', '/print/*', '/vote/*', '/p/*'].map((p) => <Route key={p} path={p} element={<PublicPage />} />)}
    <Route element={<RequireAuth><AppLayout /></RequireAuth>}>
      <Route index element={<Home />} />
      <Route path="/leader" element={<LeaderPage />} />
      <Route path="/campaigns" element={<CampaignListPage />} />
      <Route path="/campaigns/new" element={<SpecEditorPage />} />
      <Route path="/campaigns/new/design" element={<Suspense fallback={pageSpinner}><DesignerPage /></Suspense>} />
      <Route path="/campaigns/:id/design" element={<Suspense fallback={pageSpinner}><DesignerPage /></Suspense>} />
      <Route path="/campaigns/:id/versions" element={<VersionsPage />} />
      <Route path="/campaigns/:id/next-year" element={<Suspense fallback={pageSpinner}><NextYearPage /></Suspense>} />
      <Route path="/campaigns/:id" element={<LeaderboardPage />} />
      <Route path="/campaigns/:id/spec" element={<SpecEditorPage />} />
      <Route path="/campaigns/:id/entry" element={<DataEntryPage />} />
      <Route path="/campaigns/:id/units/:unitId" element={<Suspense fallback={pageSpinner}><UnitPage /></Suspense>} />
      <Route path="/campaigns/:id/units/:unitId/entry" element={<UnitEntryPage />} />
      <Route path="/campaigns/:id/periods" element={<PeriodsPage />} />
      <Route path="/campaigns/:id/verification" element={<VerificationPage />} />
      <Route path="/campaigns/:id/inbox" element={<InboxPage />} />
      <Route path="/campaigns/:id/ledger" element={<LedgerEntriesPage />} />
      <Route path="/campaigns/:id/requests" element={<RequestsPage />} />
      <Route path="/campaigns/:id/bulletins" element={<BulletinsPage />} />
      <Route path="/campaigns/:id/cases" element={<CasesPage />} />
      <Route path="/campaigns/:id/cases/:caseId" element={<CasePage />} />
      <Route path="/campaigns/:id/meetings" element={<MeetingsPage />} />
      <Route path="/campaigns/:id/meetings/:meetingId" element={<MeetingPage />} />
      <Route path="/campaigns/:id/supervision" element={<SupervisionPage />} />
      <Route path="/campaigns/:id/bulletins/:bulletinId" element={<BulletinPage />} />
      <Route path="/campaigns/:id/ballots" element={<BallotsPage />} />
      <Route path="/campaigns/:id/selections" element={<SelectionsPage />} />
      <Route path="/people" element={<PeoplePage />} />
      <Route path="/people/:personId" element={<PersonPage />} />
      <Route path="/honours" element={<HonoursPage />} />
      <Route path="/campaigns/:id/commitments" element={<CommitmentsPage />} />
      <Route path="/campaigns/:id/commitments/:commitmentId" element={<CommitmentPage />} />
      <Route path="/campaigns/:id/projects" element={<ProjectsPage />} />
      <Route path="/campaigns/:id/rollups" element={<RollupsPage />} />
      <Route path="/audit" element={<AuditPage />} />
      <Route path="/overview" element={<OverviewPage />} />
      <Route path="/users" element={<UsersPage />} />
      <Route path="*" element={<Navigate to="/campaigns" replace />} />
    </Route>
  </>,
);

export function App() {
  router ??= createBrowserRouter(routes);
  return (
    <LocaleProvider>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </LocaleProvider>
  );
}
