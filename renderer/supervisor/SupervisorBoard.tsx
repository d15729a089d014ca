import { Alert, Badge, Button, Group, Modal, NativeSelect, Paper, SimpleGrid, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardWaiting, SupervisorBoard as Board } from '../../common/domain/index.js';
import { getDesk } from '../app/desk.js';
import { useErrorText } from '../app/errors.js';
import { useCounsellors } from '../inbox/queries.js';
import { PRESENCE_COLORS, useBoard } from '../team/queries.js';
import { useDuration } from '../team/useDuration.js';
import { ServiceLevels } from './ServiceLevels.js';

/**
 * 현황판: the supervisor's live view of the team — who waits and for how long (crisis first,
 * then the longest wait; over-target waits marked), and per counsellor presence, open chats,
 * calls and first response today. Every waiting row has an assignee list: Tab to it, pick with
 * the arrow keys; the change is made at once.
 */
export function SupervisorBoard({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('team');
  return (
    <Modal opened={opened} onClose={onClose} title={t('board.title')} size="100%" fullScreen={false}>
      {opened && (
        <Tabs defaultValue="board" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="board">{t('board.tabBoard')}</Tabs.Tab>
            <Tabs.Tab value="report">{t('board.tabReport')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="board" pt="sm">
            <BoardNow />
          </Tabs.Panel>
          <Tabs.Panel value="report" pt="sm">
            <ServiceLevels />
          </Tabs.Panel>
        </Tabs>
      )}
    </Modal>
  );
}

function BoardNow() {
  const { t } = useTranslation('team');
  const duration = useDuration();
  const errorText = useErrorText();
  const { data: board, error } = useBoard(true);
  // Presence is in the replica's counsellor records as soon as the feed brings it: shown from
  // there, a change appears without waiting for the board to be fetched again.
  const { data: known } = useCounsellors();
  const presenceOf = (c: Board['counsellors'][number]) => known?.find((k) => k.id === c.id)?.presence ?? c.presence;
  if (error && !board) return <Alert color="red" role="alert">{errorText(error)}</Alert>;
  if (!board) return <Text>…</Text>;
  const time = new Date(board.generatedAt).toLocaleTimeString('ko-KR', { timeZone: 'Asia/Seoul' });
  return (
    <Stack gap="md">
      <Text size="xs" c="dimmed">{t('board.hint')}</Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} role="group" aria-label={t('board.title')}>
        <Figure label={t('board.waiting')} value={String(board.waiting.length)} />
        <Figure label={t('board.longest')} value={duration(board.longestWaitSeconds)} />
        <Figure label={t('board.unassigned')} value={String(board.unassignedCount)} />
        <Figure label={t('board.breaches')} value={String(board.breachCount)} alert={board.breachCount > 0} />
      </SimpleGrid>
      <Text size="sm" aria-live="polite">
        {t('board.assignment', { state: t(board.assignment.enabled ? 'board.on' : 'board.off'), max: board.assignment.maxOpenPerCounsellor })} · {t('board.updated', { time })}
      </Text>
      <section aria-labelledby="board-waiting">
        <Title order={3} size="h5" id="board-waiting">{t('board.waiting')}</Title>
        {board.waiting.length === 0 ? <Text size="sm">{t('board.empty')}</Text> : <WaitingTable board={board} />}
      </section>
      <section aria-labelledby="board-counsellors">
        <Title order={3} size="h5" id="board-counsellors">{t('board.counsellors')}</Title>
        <Table striped aria-labelledby="board-counsellors">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('board.name')}</Table.Th>
              <Table.Th scope="col">{t('board.presence')}</Table.Th>
              <Table.Th scope="col">{t('board.openChats')}</Table.Th>
              <Table.Th scope="col">{t('board.callsToday')}</Table.Th>
              <Table.Th scope="col">{t('board.avgFirstResponse')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {board.counsellors.map((c) => (
              <Table.Tr key={c.id} data-counsellor={c.id}>
                <Table.Th scope="row">{c.displayName}</Table.Th>
                <Table.Td><Badge color={PRESENCE_COLORS[presenceOf(c)]} autoContrast>{t(`presence.${presenceOf(c)}`)}</Badge></Table.Td>
                <Table.Td>
                  {c.openChats}
                  {c.atCapacity && <Badge ml="xs" color="orange.9" variant="light">{t('board.atCapacity')}</Badge>}
                </Table.Td>
                <Table.Td>{c.callsToday}</Table.Td>
                <Table.Td>{duration(c.avgFirstResponseSecondsToday)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
    </Stack>
  );
}

function Figure({ label, value, alert = false }: { label: string; value: string; alert?: boolean }) {
  return (
    <Paper withBorder p="xs" bg={alert ? 'red.0' : undefined}>
      <Text size="xs" c={alert ? 'red.9' : 'dimmed'}>{label}</Text>
      <Text fw={700} size="lg" c={alert ? 'red.9' : undefined}>{value}</Text>
    </Paper>
  );
}

function WaitingTable({ board }: { board: Board }) {
  const { t } = useTranslation('team');
  const duration = useDuration();
  return (
    <Table aria-labelledby="board-waiting">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('board.citizen')}</Table.Th>
          <Table.Th scope="col">{t('board.wait')}</Table.Th>
          <Table.Th scope="col">{t('board.assignee')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {board.waiting.map((w) => (
          <Table.Tr key={w.conversationId} bg={w.breached ? 'red.0' : undefined} data-breached={w.breached || undefined}>
            <Table.Th scope="row">
              <Group gap={6} wrap="nowrap">
                {w.crisis && <Badge color="red.9">{t('board.crisis')}</Badge>}
                <span>{w.citizenLabel}</span>
              </Group>
            </Table.Th>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <span>{duration(w.waitSeconds)}</span>
                {w.breached && <Badge color="red.9" variant="outline">{t('board.breached')}</Badge>}
              </Group>
            </Table.Td>
            <Table.Td><Reassign waiting={w} board={board} /></Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * A native select (Tab to it, ↑↓ to choose) and a 배정 button: the arrow keys only choose, so a
 * keyboard user passing through the list never reassigns by accident.
 */
function Reassign({ waiting, board }: { waiting: BoardWaiting; board: Board }) {
  const { t } = useTranslation('team');
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [choice, setChoice] = useState(waiting.assigneeId ?? '');
  const label = t('board.reassign', { citizen: waiting.citizenLabel });
  async function assign() {
    if (!choice || choice === waiting.assigneeId) return;
    setBusy(true);
    setError(null);
    try {
      await getDesk().inbox.assign({ conversationId: waiting.conversationId, assigneeId: choice, comment: '' });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Group gap={4} wrap="nowrap">
        <NativeSelect
          size="xs"
          aria-label={label}
          value={choice}
          disabled={busy}
          onChange={(e) => setChoice(e.currentTarget.value)}
          data={[
            ...(waiting.assigneeId ? [] : [{ value: '', label: t('board.none') }]),
            ...board.counsellors.map((c) => ({ value: c.id, label: `${c.displayName} · ${t(`presence.${c.presence}`)} · ${c.openChats}` })),
          ]}
        />
        <Button size="compact-xs" variant="default" disabled={busy || !choice || choice === waiting.assigneeId} onClick={() => void assign()} aria-label={`${t('board.assignNow')}: ${waiting.citizenLabel}`}>
          {t('board.assignNow')}
        </Button>
      </Group>
      {error && <Text role="alert" size="xs" c="red.9">{error}</Text>}
    </>
  );
}
