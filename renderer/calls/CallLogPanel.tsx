import { Alert, Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallLogDraft, CallLogView, IncomingCall } from '../../common/desk-api/index.js';
import type { CallLog, CtiCall, Programme } from '../../common/domain/index.js';
import { kstDateTime } from '../../common/kst/index.js';
import { formatKoreanPhone, maskKoreanPhone, normaliseKoreanPhone } from '../../common/phone/index.js';
import { request, useWorkspaceRequest } from '../app/workspace-bus.js';
import { CallbacksView } from './callbacks/CallbacksView.js';
import { CallLogForm } from './form/CallLogForm.js';
import { newId } from './form/form-state.js';
import { useCallLogEditor } from './form/useCallLogEditor.js';
import { IncomingCallDialog } from './incoming/IncomingCallDialog.js';
import { CallLogList } from './list/CallLogList.js';
import { StatsView } from './stats/StatsView.js';
import { useCallsShortcuts } from './useCallsShortcuts.js';
import { useCallsT } from './useCallsT.js';

type Tab = 'entry' | 'list' | 'callbacks' | 'stats';

/**
 * The consultation log (상담 기록): entry form, records list, callbacks and missed calls,
 * statistics. Mounted by the shell; talks to the desktop only through window.desk and to other
 * features through the workspace bus.
 */
export function CallLogPanel() {
  const t = useCallsT();
  const [tab, setTab] = useState<Tab>('entry');
  const [refreshKey, setRefreshKey] = useState(0);
  const [incoming, setIncoming] = useState<IncomingCall | null>(null);
  const [drafts, setDrafts] = useState<CallLogDraft[]>([]);
  const [programmeNames, setProgrammeNames] = useState<Record<string, string>>({});
  const [dueNotice, setDueNotice] = useState<CallLog | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const callbackFor = useRef<{ recordId: string; callbackId: string } | null>(null);
  const entryRef = useRef<HTMLDivElement>(null);

  const editor = useCallLogEditor({
    onSaved: (saved) => {
      const link = callbackFor.current;
      if (link && link.recordId === saved.id) {
        callbackFor.current = null;
        void window.desk.calls.completeCallback({ id: link.callbackId, recordId: saved.id }).catch(() => undefined);
      }
      setDrafts((ds) => ds.filter((d) => d.id !== saved.id));
      setRefreshKey((k) => k + 1);
    },
  });
  const { loadDraft, loadRecord, set: setValues, timer } = editor;
  const editorRef = useRef(editor);
  useEffect(() => {
    editorRef.current = editor;
  });

  const focusForm = useCallback(() => {
    setTab('entry');
    // After the tab switch renders: the first field of the form, so typing can start at once.
    setTimeout(() => entryRef.current?.querySelector<HTMLElement>('form input:checked, form input')?.focus(), 0);
  }, []);

  // Programme names of a restored or opened record, for the pills.
  const values = editor.values;
  useEffect(() => {
    for (const id of values.programmeIds) {
      if (programmeNames[id]) continue;
      window.desk.programmes.get({ id }).then(
        (p) => p && setProgrammeNames((n) => ({ ...n, [id]: p.name })),
        () => undefined,
      );
    }
  }, [values.programmeIds, programmeNames]);

  // Restore: the newest unsaved draft comes back into the form; the others wait in "복원할 초안".
  useEffect(() => {
    let live = true;
    window.desk.calls.listDrafts().then((list) => {
      if (!live || list.length === 0) return;
      const [newest, ...rest] = list;
      loadDraft(newest!, t('draftRestored'));
      setDrafts(rest);
    }, () => undefined);
    return () => {
      live = false;
    };
  }, [loadDraft, t]);

  useEffect(() => {
    const iv = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(iv);
  }, []);

  useEffect(() => {
    const offChange = window.desk.calls.onChange(() => setRefreshKey((k) => k + 1));
    const offIncoming = window.desk.calls.onIncomingCall((c) => {
      const ed = editorRef.current;
      if (c.draftId && ed.values.id === c.draftId && c.call.endedAt) {
        // The call ended while its record is open: take the measured duration.
        ed.timer.stop(c.call.answeredAt ? Math.round((Date.parse(c.call.endedAt) - Date.parse(c.call.answeredAt)) / 1000) : undefined);
        return;
      }
      setIncoming(c);
    });
    const offDue = window.desk.calls.onCallbackDue((log) => {
      setDueNotice(log);
      setRefreshKey((k) => k + 1);
    });
    return () => {
      offChange();
      offIncoming();
      offDue();
    };
  }, []);

  const openById = useCallback(async (id: string) => {
    const draft = await window.desk.calls.getDraft({ id }).catch(() => null);
    if (draft) loadDraft(draft);
    else {
      const rec = await window.desk.calls.get({ id }).catch(() => null);
      if (rec) loadRecord(rec.callLog);
      else loadDraft({ ...emptyDraft(id) });
    }
    focusForm();
  }, [focusForm, loadDraft, loadRecord]);

  useWorkspaceRequest('callLog:open', useCallback(({ id }: { id: string }) => void openById(id), [openById]));
  useWorkspaceRequest('callLog:attachProgramme', useCallback(({ programme }: { programme: Programme }) => {
    setProgrammeNames((n) => ({ ...n, [programme.id]: programme.name }));
    const ed = editorRef.current;
    if (!ed.values.programmeIds.includes(programme.id)) ed.set({ programmeIds: [...ed.values.programmeIds, programme.id].slice(0, 20) });
    setTab('entry');
  }, []));

  const startFromIncoming = async (c: IncomingCall) => {
    setIncoming(null);
    const draft = c.draftId ? await window.desk.calls.getDraft({ id: c.draftId }).catch(() => null) : null;
    if (draft) loadDraft(draft);
    else {
      const phone = normaliseKoreanPhone(c.call.from);
      loadDraft({ ...emptyDraft(newId()), channel: 'phone', callerPhone: phone, ctiCallId: c.call.callId, startedAt: c.call.answeredAt ?? c.call.ringingAt });
    }
    if (c.call.answeredAt && !c.call.endedAt) timer.start(c.call.answeredAt);
    focusForm();
  };

  const restore = async (d: CallLogDraft) => {
    // The record being typed is autosaved first, so it shows up in the list in place of the restored one.
    await editorRef.current.flush();
    loadDraft(d);
  };

  // Whenever another record comes into the form, the one it replaced (autosaved) joins "복원할 초안".
  const currentId = editor.values.id;
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      window.desk.calls.listDrafts().then((list) => live && setDrafts(list), () => undefined);
    }, 500);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [currentId, refreshKey]);
  const otherDrafts = drafts.filter((d) => d.id !== currentId);

  const callBack = useCallback((log: CallLog) => {
    const id = newId();
    callbackFor.current = { recordId: id, callbackId: log.id };
    loadDraft({
      ...emptyDraft(id), channel: 'phone', callerName: log.callerName, callerPhone: log.callerPhone, dong: log.dong,
      field: log.field, subTopic: log.subTopic, notes: `콜백: ${kstDateTime(log.callbackAt ?? log.startedAt)} 상담 후속`,
    });
    setValues({});
    focusForm();
  }, [focusForm, loadDraft, setValues]);

  const fromMissed = useCallback((call: CtiCall) => {
    const phone = normaliseKoreanPhone(call.from);
    loadDraft({ ...emptyDraft(newId()), channel: 'phone', callerPhone: phone, phoneText: phone ? formatKoreanPhone(phone) : call.from, ctiCallId: call.callId });
    setValues({});
    focusForm();
  }, [focusForm, loadDraft, setValues]);

  const editRecord = useCallback((r: CallLogView) => {
    loadRecord(r);
    focusForm();
  }, [focusForm, loadRecord]);

  useCallsShortcuts({
    onSave: () => {
      setTab('entry');
      void editorRef.current.save().then((saved) => {
        // A refused save shows its errors in the form: bring it forward wherever the keys were pressed.
        if (!saved) request('area:focus', { area: 'calls' });
      });
    },
    onNew: () => {
      request('area:focus', { area: 'calls' });
      void editorRef.current.newRecord().then(focusForm);
    },
  });

  return (
    <section aria-label={t('panel')} className="calls-panel">
      <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted>
        <Tabs.List>
          <Tabs.Tab value="entry">{t('tabEntry')}</Tabs.Tab>
          <Tabs.Tab value="list">{t('tabList')}</Tabs.Tab>
          <Tabs.Tab value="callbacks">{t('tabCallbacks')}</Tabs.Tab>
          <Tabs.Tab value="stats">{t('tabStats')}</Tabs.Tab>
        </Tabs.List>

        {dueNotice && (
          <Alert color="orange" role="alert" withCloseButton onClose={() => setDueNotice(null)} closeButtonLabel={t('incomingClose')} mt="xs" p={6}>
            <Group gap="xs" justify="space-between">
              <Text size="sm">
                {t('callbackDue')}: {dueNotice.callerName ?? t('anonymous')} {dueNotice.callerPhone ? maskKoreanPhone(dueNotice.callerPhone) : ''}
              </Text>
              <Button size="compact-xs" onClick={() => {
                callBack(dueNotice);
                setDueNotice(null);
              }}>{t('callBack')}</Button>
            </Group>
          </Alert>
        )}

        <Tabs.Panel value="entry" pt="xs" ref={entryRef}>
          <Stack gap="xs">
            {otherDrafts.length > 0 && (
              <section aria-label={t('draftsToRestore')}>
                <Text size="sm" fw={600}>{t('draftsToRestore')}</Text>
                <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {otherDrafts.map((d) => (
                    <li key={d.id}>
                      <Group gap={4} wrap="nowrap">
                        <Text size="xs" lineClamp={1} style={{ flex: 1 }}>
                          {d.startedAt ? kstDateTime(d.startedAt) : ''} · {d.callerName || t('anonymous')} · {d.phoneText || ''} {d.need ? `· ${d.need}` : ''}
                        </Text>
                        <Button size="compact-xs" variant="light" aria-label={`${t('restore')}: ${d.callerName || d.phoneText || t('anonymous')}`} onClick={() => void restore(d)}>{t('restore')}</Button>
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => {
                          void window.desk.calls.discardDraft({ id: d.id });
                          setDrafts((ds) => ds.filter((x) => x.id !== d.id));
                        }}>{t('discard')}</Button>
                      </Group>
                    </li>
                  ))}
                </Stack>
              </section>
            )}
            <CallLogForm editor={editor} programmeNames={programmeNames}
              onProgrammeAdded={(p) => setProgrammeNames((n) => ({ ...n, [p.id]: p.name }))} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="list" pt="xs">
          <CallLogList refreshKey={refreshKey} onEdit={editRecord} />
        </Tabs.Panel>
        <Tabs.Panel value="callbacks" pt="xs">
          <CallbacksView refreshKey={refreshKey} now={now} onCallBack={callBack} onMissedCall={fromMissed} />
        </Tabs.Panel>
        <Tabs.Panel value="stats" pt="xs">
          <StatsView refreshKey={refreshKey} />
        </Tabs.Panel>
      </Tabs>
      <IncomingCallDialog call={incoming} onClose={() => setIncoming(null)} onStart={(c) => void startFromIncoming(c)} />
    </section>
  );
}

function emptyDraft(id: string): CallLogDraft {
  return { id, baseVersion: null, channel: 'phone', startedAt: new Date().toISOString() };
}
