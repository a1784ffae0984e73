// Chinese by default, English on request; the choice is remembered in localStorage (a preference, not a secret).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { zh } from './zh';
import { en } from './en';
import { marketEn, marketZh } from './market';
import { sandboxEn, sandboxZh } from './sandbox';
import { assetsEn, assetsZh, volumeEn, volumeZh } from './limits';

export const LANGUAGE_KEY = 'exchange.language';

function remembered(): 'zh' | 'en' {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

function applyLanguage(lng: string) {
  dayjs.locale(lng === 'en' ? 'en' : 'zh-cn');
  if (typeof document !== 'undefined') document.documentElement.lang = lng === 'en' ? 'en' : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: {
    zh: { translation: { ...zh, market: marketZh, sandbox: sandboxZh, volume: volumeZh, assets: assetsZh } },
    en: { translation: { ...en, market: marketEn, sandbox: sandboxEn, volume: volumeEn, assets: assetsEn } },
  },
  lng: remembered(),
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyLanguage(i18n.language);

i18n.on('languageChanged', (lng) => {
  applyLanguage(lng);
  try {
    localStorage.setItem(LANGUAGE_KEY, lng);
  } catch {
    // Storage may be off; the choice then lasts for this page only.
  }
});

/**
 * Mounts a console's dictionary under its key (t('merchant.…')). Each console calls this from its own lazy chunk, so
 * the store's first route does not carry the consoles' strings (issue 15: about 14 kB).
 */
export function mountDictionary(key: string, zhTree: object, enTree: object) {
  i18n.addResourceBundle('zh', 'translation', { [key]: zhTree }, true, false);
  i18n.addResourceBundle('en', 'translation', { [key]: enTree }, true, false);
}

export default i18n;
