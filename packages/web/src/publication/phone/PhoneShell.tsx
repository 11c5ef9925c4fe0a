// The frame of the phone pages: a red title bar, the page, and a footer with the language switch.
// Plain elements and one small stylesheet: this is what a phone on a slow connection downloads.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import i18n, { rememberLang } from '../../i18n/index.ts';
import './phone.css';

function switchLang() {
  const next = i18n.language === 'en' ? 'zh' : 'en';
  rememberLang(next);
  document.documentElement.lang = next === 'en' ? 'en' : 'zh-CN';
  void i18n.changeLanguage(next);
}

export function PhoneShell({ title, subtitle, back, children }: { title: ReactNode; subtitle?: ReactNode; back?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="ph">
      <header className="ph-bar">
        {back && <Link to={back} className="ph-back" aria-label={t('phone.back')} data-testid="phone-back">‹</Link>}
        <div className="ph-bar-text">
          <h1 className="ph-title">{title}</h1>
          {subtitle && <div className="ph-subtitle">{subtitle}</div>}
        </div>
      </header>
      <main className="ph-main">{children}</main>
      <footer className="ph-foot">
        <span>擂台 Leitai</span>
        <button type="button" className="ph-link" onClick={switchLang}>{t('app.langSwitch')}</button>
      </footer>
    </div>
  );
}

export function PhoneMessage({ children }: { children: ReactNode }) {
  return <div className="ph-card ph-message">{children}</div>;
}

export function PhoneNotFound() {
  const { t } = useTranslation();
  return <PhoneShell title={t('app.name')}><PhoneMessage>{t('common.notFound')}</PhoneMessage></PhoneShell>;
}
