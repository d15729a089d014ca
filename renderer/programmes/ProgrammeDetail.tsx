import { Alert, Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconClipboard, IconEdit, IconMessageShare, IconNotes, IconStar, IconStarFilled } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROVIDER_LABELS, type Programme } from '../../common/domain/index.js';
import type { ProgrammesKey } from './i18n.js';
import { ProgrammeEditForm } from './ProgrammeEditForm.js';
import { ATTRIBUTION } from './programme-text.js';

const SECTIONS: Array<[keyof Programme, ProgrammesKey]> = [
  ['summary', 'summary'],
  ['target', 'target'],
  ['criteria', 'criteria'],
  ['benefits', 'benefits'],
  ['howToApply', 'howToApply'],
  ['contact', 'contact'],
  ['legalBasis', 'legalBasis'],
  ['agency', 'agency'],
];

/** Everything the catalogue knows about one programme, with the actions a counsellor takes on it. */
export function ProgrammeDetail({
  programme: p, favourite, onBack, onToggleFavourite, onCopy, onSendToChat, onAttach, canEdit = false,
}: {
  /** An administrator may correct the programme's classification and texts. */
  canEdit?: boolean;
  programme: Programme;
  favourite: boolean;
  onBack(): void;
  onToggleFavourite(): void;
  onCopy(): void;
  onSendToChat(): void;
  onAttach(): void;
}) {
  const { t } = useTranslation('programmes');
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Screen readers land on the programme's name when the detail opens.
  useEffect(() => headingRef.current?.focus(), [p.id]);
  // The lookup keys this view by programme id, so an edit in progress never carries over to another programme.
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const date = p.sourceUpdatedAt ? new Date(p.sourceUpdatedAt).toLocaleDateString('ko-KR', { timeZone: 'Asia/Seoul' }) : null;
  return (
    <Stack component="article" gap="xs" aria-label={`${t('detail')}: ${p.name}`}>
      <Group gap="xs">
        <Button variant="subtle" size="compact-sm" leftSection={<IconArrowLeft size={14} aria-hidden />} onClick={onBack}>
          {t('back')}
        </Button>
      </Group>
      <Title order={3} size="h4" ref={headingRef} tabIndex={-1} style={{ overflowWrap: 'anywhere' }}>
        {p.name}
      </Title>
      <Group gap={4}>
        <Badge variant="filled">{p.field}</Badge>
        <Badge variant="light" color="gray">{PROVIDER_LABELS[p.provider]}</Badge>
        {[...p.lifeStages, ...p.households, ...p.themes].map((tag) => (
          <Badge key={tag} variant="outline" size="sm">{tag}</Badge>
        ))}
      </Group>
      <Group gap={6}>
        <Button size="compact-sm" variant={favourite ? 'filled' : 'light'} aria-pressed={favourite} onClick={onToggleFavourite}
          leftSection={favourite ? <IconStarFilled size={14} aria-hidden /> : <IconStar size={14} aria-hidden />}>
          {favourite ? t('unfavourite') : t('favourite')}
        </Button>
        <Button size="compact-sm" variant="light" onClick={onCopy} leftSection={<IconClipboard size={14} aria-hidden />}>
          {t('copy')}
        </Button>
        <Button size="compact-sm" variant="light" onClick={onSendToChat} leftSection={<IconMessageShare size={14} aria-hidden />}>
          {t('sendToChat')}
        </Button>
        <Button size="compact-sm" variant="light" onClick={onAttach} leftSection={<IconNotes size={14} aria-hidden />}>
          {t('attachToCallLog')}
        </Button>
        {canEdit && !editing && (
          <Button size="compact-sm" variant="light" color="orange" onClick={() => { setNotice(null); setEditing(true); }}
            leftSection={<IconEdit size={14} aria-hidden />}>
            {t('edit.open')}
          </Button>
        )}
      </Group>
      {notice && (
        <Alert color="orange" role="alert">
          {notice}
        </Alert>
      )}
      {editing ? (
        <ProgrammeEditForm
          programme={p}
          onDone={() => setEditing(false)}
          onConflict={() => {
            setEditing(false);
            setNotice(t('edit.conflict'));
          }}
        />
      ) : (
        <dl style={{ margin: 0 }}>
          {SECTIONS.map(([field, label]) => (
            <div key={field} style={{ marginBottom: 8 }}>
              <Text component="dt" size="xs" fw={700} c="dimmed">{t(label)}</Text>
              <Text component="dd" size="sm" m={0} style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
                {(p[field] as string) || t('notProvided')}
              </Text>
            </div>
          ))}
          <div style={{ marginBottom: 8 }}>
            <Text component="dt" size="xs" fw={700} c="dimmed">{t('onlineApplication')}</Text>
            <Text component="dd" size="sm" m={0}>{p.onlineApplication ? t('onlineYes') : t('onlineNo')}</Text>
          </div>
          {date && (
            <div style={{ marginBottom: 8 }}>
              <Text component="dt" size="xs" fw={700} c="dimmed">{t('sourceUpdatedAt')}</Text>
              <Text component="dd" size="sm" m={0}>{date}</Text>
            </div>
          )}
        </dl>
      )}
      {p.sourceUrl && (
        <Anchor href={p.sourceUrl} target="_blank" rel="noopener noreferrer" size="sm">
          {t('sourceLink')}
        </Anchor>
      )}
      <Text size="xs" c="dimmed">{ATTRIBUTION}</Text>
    </Stack>
  );
}
