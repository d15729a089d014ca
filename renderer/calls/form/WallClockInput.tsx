import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** `YYYY-MM-DDTHH:mm` (the form's value) as the counsellor reads and types it: `YYYY-MM-DD HH:mm`. */
const shown = (wall: string) => wall.replace('T', ' ');
const stored = (typed: string) => typed.trim().replace(/\s+/, 'T');

/**
 * A KST date and time in one text field: one tab stop, where Chromium's datetime-local puts five
 * to seven (year, month, day, AM/PM, hour, minute, picker). Validated on save like before.
 */
export function WallClockInput({ label, value, error, onChange }: { label: string; value: string; error?: string; onChange(wall: string): void }) {
  const { t } = useTranslation('calls');
  // While typing, the field shows what was typed, not the normalised value.
  const [typed, setTyped] = useState<string | null>(null);
  return (
    <TextInput
      label={label}
      description={t('wallClockHint')}
      placeholder="2026-03-02 14:05"
      inputMode="numeric"
      autoComplete="off"
      maxLength={16}
      value={typed ?? shown(value)}
      error={error}
      onChange={(e) => {
        setTyped(e.currentTarget.value);
        onChange(stored(e.currentTarget.value));
      }}
      onBlur={() => setTyped(null)}
    />
  );
}
