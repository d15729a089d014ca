import { Paper, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CannedReply } from '../../common/domain/index.js';

export const cannedOptionId = (id: string) => `canned-opt-${id}`;
export const CANNED_LISTBOX_ID = 'canned-listbox';

/** The `/` picker under the composer; the textarea keeps focus and drives it with the arrow keys. */
export function CannedPicker({ items, active, onPick, preview }: { items: CannedReply[]; active: number; onPick: (r: CannedReply) => void; preview: (body: string) => string }) {
  const { t } = useTranslation('inbox');
  return (
    <Paper withBorder shadow="sm" className="canned-picker">
      {/* A listbox must hold options: with no match there is only the sentence saying so. */}
      {items.length === 0 && (
        <Text size="sm" c="dimmed" p="xs" role="status">
          {t('composer.cannedEmpty')}
        </Text>
      )}
      <div role="listbox" id={CANNED_LISTBOX_ID} aria-label={t('composer.canned')} hidden={items.length === 0}>
        {items.map((r, i) => (
          <UnstyledButton
            key={r.id}
            role="option"
            id={cannedOptionId(r.id)}
            aria-selected={i === active}
            tabIndex={-1}
            className="canned-option"
            data-active={i === active || undefined}
            // mousedown, not click: the textarea must not lose the caret before the insertion.
            onMouseDown={(e) => {
              e.preventDefault();
              onPick(r);
            }}
          >
            <Text size="sm" fw={600}>
              {r.title}
              {r.shortcut ? ` · /${r.shortcut.replace(/^\//, '')}` : ''}
            </Text>
            <Text size="xs" c="dimmed" lineClamp={1}>
              {preview(r.body)}
            </Text>
          </UnstyledButton>
        ))}
      </div>
    </Paper>
  );
}
