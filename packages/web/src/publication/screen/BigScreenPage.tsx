// /screen/:secret — the lobby big screen (大屏). No sign-in: the secret in the URL is a kiosk token
// the organizer can revoke. It shows the latest published bulletin only, in panels that rotate
// every ROTATE_MS (总排名, 分组, 流动红旗, 龙虎榜, 走势, 数据概览) with an indicator of which one is on;
// it listens to the kiosk stream and refetches on every publication, so a new bulletin appears
// within seconds without a reload. `?panel=flags` pins one panel (for setting up the screen).
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { SubjectContext, useSubjectTranslation } from '../../lib/subject.ts';
import { ApiError } from '../../api/client.ts';
import { getKiosk, kioskStreamUrl } from '../../api/endpoints.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { flagColorByName, periodLabel, PrecisionContext, shortDateTime } from '../format.ts';
import { usePublicationStream } from '../usePublicationStream.ts';
import { ScaledStage } from './ScaledStage.tsx';
import { buildPanels, type Panel } from './panels.ts';
import { OverallPanel } from './OverallPanel.tsx';
import { GroupsPanel } from './GroupsPanel.tsx';
import { FlagWallPanel } from './FlagWallPanel.tsx';
import { CategoriesPanel } from './CategoriesPanel.tsx';
import { TrendPanel } from './TrendPanel.tsx';
import { CountersPanel } from './CountersPanel.tsx';
import './screen.css';

const ROTATE_MS = 12_000;
const UPDATED_BANNER_MS = 8_000;

export function BigScreenPage() {
  const { secret = '' } = useParams();
  const [params] = useSearchParams();
  const { t, i18n } = useSubjectTranslation();
  const kiosk = useAsync(() => getKiosk(secret), [secret]);
  const live = usePublicationStream(kioskStreamUrl(secret), () => kiosk.reload());
  // once connected, a lost connection is said on the screen: what it shows is no longer live
  const everLive = useRef(false);
  if (live) everLive.current = true;
  const interrupted = !live && everLive.current;
  const view = kiosk.data;
  const panels = useMemo(() => (view ? buildPanels(view) : []), [view]);
  const pinned = params.get('panel');
  const [index, setIndex] = useState(0);
  const [updated, setUpdated] = useState(false);
  const shownId = useRef<number | null>(null);

  useEffect(() => {
    document.title = view ? `${view.campaign.name} · ${t('screen.title')}` : t('screen.title');
  }, [view, t]);

  // a new publication: start again from the overall ranking and say that it changed
  const latestId = view?.latest?.id ?? null;
  useEffect(() => {
    if (latestId === null) return;
    const first = shownId.current === null;
    shownId.current = latestId;
    if (first) return;
    setIndex(0);
    setUpdated(true);
    const timer = setTimeout(() => setUpdated(false), UPDATED_BANNER_MS);
    return () => clearTimeout(timer);
  }, [latestId]);

  useEffect(() => {
    if (pinned || panels.length < 2) return;
    const timer = setInterval(() => setIndex((i) => (i + 1) % panels.length), ROTATE_MS);
    return () => clearInterval(timer);
  }, [pinned, panels.length]);

  const revoked = kiosk.error instanceof ApiError && kiosk.error.status === 404;
  if (revoked || (kiosk.error && !view)) {
    return <ScaledStage><div className="scr scr-center" data-testid="screen-error">{revoked ? t('screen.notFound') : kiosk.error?.message}</div></ScaledStage>;
  }
  if (!view) return <ScaledStage><div className="scr scr-center">{t('app.loading')}</div></ScaledStage>;
  const latest = view.latest;
  if (!latest) {
    return (
      <ScaledStage>
        <div className="scr">
          <Header title={view.campaign.name} organizer={view.campaign.organizer} live={live} />
          <div className="scr-center scr-body" data-testid="screen-empty">{t('screen.nothing')}</div>
        </div>
      </ScaledStage>
    );
  }
  const c = latest.content;
  const pinnedIndex = pinned ? panels.findIndex((p) => p.key === pinned || p.kind === pinned) : -1;
  const current = panels[pinnedIndex >= 0 ? pinnedIndex : Math.min(index, panels.length - 1)];
  const colors = flagColorByName(c);

  const body = (p: Panel): ReactNode => {
    switch (p.kind) {
      case 'overall': return <OverallPanel rows={p.rows} colors={colors} />;
      case 'groups': return <GroupsPanel groups={p.groups} colors={colors} />;
      case 'flags': return <FlagWallPanel cards={p.cards} />;
      case 'categories': return <CategoriesPanel indicators={p.indicators} />;
      case 'trends': return <TrendPanel view={view} />;
      case 'counters': return <CountersPanel view={view} />;
    }
  };
  const panelTitle = (p: Panel) => `${t(`screen.panels.${p.kind}`)}${p.pages > 1 ? ` ${p.page}/${p.pages}` : ''}`;

  return (
    <PrecisionContext.Provider value={c.campaign.precision}>
    <SubjectContext.Provider value={c.campaign.subject}>
    <ScaledStage>
      <div className="scr" data-testid="big-screen" data-bulletin={latest.id} data-period={latest.period} data-version={latest.version}>
        <Header title={view.campaign.name} organizer={view.campaign.organizer} live={live}>
          <div className="scr-period" data-testid="screen-period">{periodLabel(c, i18n.language)}</div>
          <div className="scr-published" data-testid="screen-published">
            <div>{t('screen.published', { time: shortDateTime(latest.publishedAt) })}</div>
            <div>
              {latest.version > 1 && <span>{t('bulletins.versionN', { version: latest.version })}</span>}
              {c.periodState !== 'closed' && <span className="scr-provisional">{t('phone.provisional')}</span>}
            </div>
          </div>
        </Header>
        {interrupted && <div className="scr-interrupted" data-testid="screen-interrupted">{t('screen.interrupted')}</div>}
        {updated && <div className="scr-updated" data-testid="screen-updated">{t('screen.updated', { period: periodLabel(c, i18n.language) })}</div>}
        <div className="scr-body" data-testid="screen-panel" data-panel={current?.kind} key={`${current?.key}/${latest.id}`}>
          <div className="scr-panel-title">{current && panelTitle(current)}</div>
          {current && body(current)}
        </div>
        <nav className="scr-indicator" data-testid="screen-indicator">
          {panels.map((p) => (
            <span key={p.key} className={p === current ? 'on' : undefined} data-panel-key={p.key}>
              {panelTitle(p)}
              {p === current && !pinned && <i className="scr-progress" style={{ animationDuration: `${ROTATE_MS}ms` }} />}
            </span>
          ))}
        </nav>
      </div>
    </ScaledStage>
    </SubjectContext.Provider>
    </PrecisionContext.Provider>
  );
}

function Header({ title, organizer, live, children }: { title: string; organizer: string | null; live: boolean; children?: ReactNode }) {
  const { t } = useSubjectTranslation();
  return (
    <header className="scr-head">
      <div className="scr-head-left">
        <div className="scr-campaign" data-testid="screen-campaign">{title}</div>
        {organizer && <div className="scr-organizer">{organizer}</div>}
      </div>
      <div className="scr-head-right">
        {children}
        <div className={live ? 'scr-live on' : 'scr-live'} data-testid="screen-live" data-live={live}>
          <i />{live ? t('screen.live') : t('screen.offline')}
        </div>
      </div>
    </header>
  );
}
