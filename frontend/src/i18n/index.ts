// Chinese by default, English on request; the choice is remembered in localStorage (a preference, not a secret).
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { zh } from './zh';
import { en } from './en';
import { merchantEn, merchantZh } from './merchant';
import { operatorEn, operatorZh } from './operator';
import { regulatorEn, regulatorZh } from './regulator';
import { marketEn, marketZh } from './market';

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
    zh: { translation: { ...zh, merchant: merchantZh, operator: operatorZh, regulator: regulatorZh, market: marketZh } },
    en: { translation: { ...en, merchant: merchantEn, operator: operatorEn, regulator: regulatorEn, market: marketEn } },
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

export default i18n;
