import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toDeskError } from '../../common/desk-api/index.js';
import { maskKoreanPhone } from '../../common/phone/index.js';

export type RevealEntity = 'callLog' | 'conversation' | 'ctiCall';

/** Ctrl+Alt+R: reveal the number of the record in front of the counsellor (the `primary` ones). */
export function isRevealShortcut(e: KeyboardEvent): boolean {
  return e.ctrlKey && e.altKey && !e.shiftKey && !e.metaKey && e.code === 'KeyR';
}

/**
 * A phone number shown masked (010-****-5678). The eye button (or Ctrl+Alt+R for a `primary`
 * number, the record on screen) asks the services for the full number of that record, which
 * logs the reveal in the access log.
 */
export function MaskedPhone(props: { phone: string; entity: RevealEntity; recordId: string; primary?: boolean }) {
  const { t } = useTranslation('privacy');
  // Keyed by record, so a row reused for another record shows that one masked again.
  const [revealed, setRevealed] = useState<{ key: string; phone: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { entity, recordId } = props;
  const key = `${entity}:${recordId}`;
  const full = revealed?.key === key ? revealed.phone : null;
  const reveal = useCallback(async () => {
    try {
      const r = await window.desk.privacy.reveal({ entity, recordId });
      setRevealed({ key: `${entity}:${recordId}`, phone: r.phone });
      setError(null);
    } catch (err) {
      setError(toDeskError(err).message);
    }
  }, [entity, recordId]);
  useEffect(() => {
    if (!props.primary || full) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (!isRevealShortcut(e)) return;
      e.preventDefault();
      void reveal();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.primary, full, reveal]);

  if (full) {
    return <span title={t('revealed')} data-revealed="true">{full}</span>;
  }
  return (
    <Group component="span" gap={2} wrap="nowrap" display="inline-flex" title={error ?? undefined}>
      <span>{maskKoreanPhone(props.phone)}</span>
      <Tooltip label={props.primary ? t('revealShortcut') : t('reveal')} openDelay={300}>
        <ActionIcon size="xs" variant="subtle" aria-label={t('reveal')} aria-keyshortcuts={props.primary ? 'Control+Alt+R' : undefined} onClick={() => void reveal()}>
          <IconEye size={14} aria-hidden />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
