// i18next with Chinese as default and fallback. The chosen language is remembered in localStorage
// and pushed to the API client (Accept-Language) so server messages match the interface.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { zh } from './zh.ts';
import { en } from './en.ts';
import { setApiLanguage } from '../api/client.ts';

export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'leitai.lang';

export function storedLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  setApiLanguage(lang);
}

const initial = storedLang();
setApiLanguage(initial);

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh',
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
});

export default i18n;
