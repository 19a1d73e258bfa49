// i18next set-up: Russian by default, English when chosen or when the system speaks English.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from '../locales/en';
import { ru } from '../locales/ru';

export type Language = 'ru' | 'en';
const STORAGE_KEY = 'opta.language';

export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'ru' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'ru';
}

export function setLanguage(lang: Language): void {
  localStorage.setItem(STORAGE_KEY, lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

void i18n.use(initReactI18next).init({
  resources: { ru: { translation: ru }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'ru',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

/** Locale tag for Intl formatting of numbers, money and dates. */
export function intlLocale(): string {
  return i18n.language === 'en' ? 'en-GB' : 'ru-RU';
}

export default i18n;
