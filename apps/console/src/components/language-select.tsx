import { NativeSelect } from '@mantine/core';
import { LANGUAGES, type Language, useI18n } from '../i18n';

/** The UI language (a native select: keyboard and screen readers work as everywhere else). */
export function LanguageSelect() {
  const { t, language, setLanguage } = useI18n();
  return (
    <NativeSelect
      aria-label={t.language}
      data={LANGUAGES}
      value={language}
      onChange={(e) => setLanguage(e.currentTarget.value as Language)}
      w={110}
      size="xs"
    />
  );
}
