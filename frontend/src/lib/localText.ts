// Products carry their title and description in Chinese and in English as separate fields; a screen shows the UI
// language's and falls back to the other where that one is empty (most merchants write Chinese first).
import { useTranslation } from 'react-i18next';

export function inLanguage(language: string, zh: string | null | undefined, en: string | null | undefined): string {
  const english = language.startsWith('en');
  const first = english ? en : zh;
  const other = english ? zh : en;
  return first?.trim() ? first : (other ?? '');
}

/** The text in the UI language: `local(p.title, p.titleEn)`. */
export function useLocalText(): (zh: string | null | undefined, en: string | null | undefined) => string {
  const { i18n } = useTranslation();
  return (zh, en) => inLanguage(i18n.language, zh, en);
}
