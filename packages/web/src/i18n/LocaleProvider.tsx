// Switches i18next, antd's ConfigProvider locale and dayjs's locale together, so that dates,
// pagination and every label change language at once.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider, App as AntApp } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import i18n, { rememberLang, storedLang, type Lang } from './index.ts';

interface LangContextValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangContextValue>({ lang: 'zh', setLang: () => undefined });

export const useLang = () => useContext(LangContext);

function applyDocumentLang(lang: Lang) {
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
}

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** The system's "reduce motion" setting, followed as it changes. */
function usePrefersReducedMotion(): boolean {
  const [reduced, setReduced] = useState(() => typeof window !== 'undefined' && !!window.matchMedia?.(REDUCED_MOTION).matches);
  useEffect(() => {
    const query = window.matchMedia?.(REDUCED_MOTION);
    if (!query) return;
    const changed = () => setReduced(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return reduced;
}

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = storedLang();
    applyDocumentLang(l);
    return l;
  });
  const setLang = useCallback((l: Lang) => {
    rememberLang(l);
    applyDocumentLang(l);
    void i18n.changeLanguage(l);
    setLangState(l);
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  const reducedMotion = usePrefersReducedMotion();
  return (
    <LangContext.Provider value={value}>
      <ConfigProvider
        locale={lang === 'en' ? enUS : zhCN}
        // a user who asked the system for less motion gets dialogs, popovers and menus without
        // their zoom and fade animations (antd's motion token)
        theme={{ token: { colorPrimary: '#c8161d', borderRadius: 4, motion: !reducedMotion } }}
      >
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </LangContext.Provider>
  );
}
