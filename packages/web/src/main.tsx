// Entry point: language first (so the first paint is in the remembered language), then the app.
// The public pages — phone pages, the lobby big screen, the print page — are a separate small app:
// a phone on a slow connection must not download antd and the whole signed-in app to show a ranking.
import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/index.ts';

const isPublic = /^\/(m|screen|print|vote|p)\//.test(window.location.pathname);
const Root = isPublic
  ? lazy(() => import('./publication/PublicApp.tsx').then((m) => ({ default: m.PublicApp })))
  : lazy(() => import('./App.tsx').then((m) => ({ default: m.App })));

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Suspense fallback={null}>
      <Root />
    </Suspense>
  </StrictMode>,
);
