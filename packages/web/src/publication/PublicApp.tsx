// The public pages, no sign-in: the phone pages (/m/…), the lobby big screen (/screen/:secret) and
// the print page of a bulletin (/print/bulletins/:id). No antd here: these load on phones over slow
// connections and on kiosk PCs. The big screen (ECharts) and the print page load on demand.
import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { PhoneRankingPage } from './phone/PhoneRankingPage.tsx';
import { PhoneUnitPage } from './phone/PhoneUnitPage.tsx';
import { PhoneNotFound } from './phone/PhoneShell.tsx';
import { VotePage } from './vote/VotePage.tsx';
import { PublicityPage } from './vote/PublicityPage.tsx';
import { PhoneCommitmentPage, PhoneCommitmentsPage } from './phone/PhoneCommitmentPages.tsx';

const BigScreenPage = lazy(() => import('./screen/BigScreenPage.tsx').then((m) => ({ default: m.BigScreenPage })));
const PrintBulletinPage = lazy(() => import('./print/PrintBulletinPage.tsx').then((m) => ({ default: m.PrintBulletinPage })));

export function PublicApp() {
  return (
    <BrowserRouter>
      <Suspense fallback={null}>
        <Routes>
          <Route path="/m/:campaignId" element={<PhoneRankingPage />} />
          <Route path="/m/:campaignId/u/:unitId" element={<PhoneUnitPage />} />
          <Route path="/m/:campaignId/commitments" element={<PhoneCommitmentsPage />} />
          <Route path="/m/:campaignId/commitments/:commitmentId" element={<PhoneCommitmentPage />} />
          <Route path="/screen/:secret" element={<BigScreenPage />} />
          <Route path="/print/bulletins/:bulletinId" element={<PrintBulletinPage />} />
          <Route path="/vote/:token" element={<VotePage />} />
          <Route path="/p/selections/:selectionId" element={<PublicityPage />} />
          <Route path="*" element={<PhoneNotFound />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
