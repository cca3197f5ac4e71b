/**
 * German and English. The language follows the browser (navigator.languages) until the operator picks one, which
 * is remembered in localStorage. Messages are plain functions of a dictionary typed from the English one, so a
 * missing German message is a compile error. Dates and numbers are formatted with Intl in the browser's time zone.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { de } from './messages/de';
import { en, type Messages } from './messages/en';

export type Language = 'en' | 'de';
export const LANGUAGES: { value: Language; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'de', label: 'Deutsch' },
];
/** Every language's dictionary (e2e/catalogue.spec.ts checks each against the English one). */
export const DICTIONARIES: Record<Language, Messages> = { en, de };
const STORAGE_KEY = 'bounce-console-language';

export function browserLanguage(): Language {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (stored === 'en' || stored === 'de') return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'de' || base === 'en') return base;
  }
  return 'en';
}

/** The browser's time zone, sent to the API so chart buckets start at the user's midnight. */
export const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

type I18n = {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Messages;
  dateTime: (iso: string | null | undefined) => string;
  date: (iso: string | null | undefined) => string;
  number: (n: number) => string;
  percent: (n: number | null) => string;
};

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(browserLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const locale = language === 'de' ? 'de-DE' : 'en-GB';
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const numberFormat = new Intl.NumberFormat(locale);
    const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    return {
      language,
      setLanguage,
      t: DICTIONARIES[language],
      dateTime: (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : '–'),
      date: (iso) => (iso ? dateFormat.format(new Date(iso)) : '–'),
      number: (n) => numberFormat.format(n),
      percent: (n) => (n === null ? '–' : percentFormat.format(n)),
    };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
