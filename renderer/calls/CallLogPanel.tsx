import { Stack, Tabs } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { lazy, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallLogDraft, CallLogView, IncomingCall } from '../../common/desk-api/index.js';
import type { CallLog, CtiCall, Programme } from '../../common/domain/index.js';
import { formatKoreanPhone, normaliseKoreanPhone } from '../../common/phone/index.js';
import { getDesk } from '../app/desk.js';
import { kstDateTime } from '../app/time.js';
import { request, useWorkspaceRequest } from '../app/workspace-bus.js';
import { CallbackDueNotice } from './callbacks/CallbackDueNotice.js';
import { CallbacksView } from './callbacks/CallbacksView.js';
import { DraftsToRestore } from './drafts/DraftsToRestore.js';
import { CallLogForm } from './form/CallLogForm.js';
import { ConflictDialog } from './form/ConflictDialog.js';
import { callbackNote, newId } from './form/form-state.js';
import { useCallLogEditor } from './form/useCallLogEditor.js';
import { IncomingCallDialog } from './incoming/IncomingCallDialog.js';
import { useIncomingCall } from './incoming/useIncomingCall.js';
import { CallLogList } from './list/CallLogList.js';
import { RecordDetail } from './list/RecordDetail.js';
import { ShortcutToast, useShortcutToast } from './ShortcutToast.js';
import { callKeys, useProgrammeNames } from './queries.js';
import { useCallsShortcuts } from './useCallsShortcuts.js';
import { LazyScreen, useOpenedOnce } from '../app/lazy-screen.js';

// 통계 with its charts: a chunk of its own, loaded when the tab is first shown.
const StatsView = lazy(() => import('./stats/StatsView.js').then((m) => ({ default: m.StatsView })));

type Tab = 'entry' | 'list' | 'callbacks' | 'stats';

/**
 * The consultation log (상담 기록): entry form, records list, callbacks and missed calls,
 * statistics. Mounted by the shell; reads through the calls queries (refreshed by the shell on
 * calls.onChange), writes through window.desk, and talks to other features through the workspace bus.
 */
export function CallLogPanel() {
  const { t } = useTranslation('calls');
  const client = useQueryClient();
  const [tab, setTab] = useState<Tab>('entry');
  const statsMounted = useOpenedOnce(tab === 'stats');
  const [detailId, setDetailId] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const toast = useShortcutToast();
  const callbackFor = useRef<{ recordId: string; callbackId: string } | null>(null);
  const entryRef = useRef<HTMLDivElement>(null);
  const refreshDrafts = useCallback(() => void client.invalidateQueries({ queryKey: callKeys.drafts }), [client]);

  const editor = useCallLogEditor({
    onSaved: (saved) => {
      const link = callbackFor.current;
      if (link && link.recordId === saved.id) {
        callbackFor.current = null;
        void getDesk().calls.completeCallback({ id: link.callbackId, recordId: saved.id }).catch(() => undefined);
      }
      refreshDrafts();
    },
  });
  const { loadDraft, loadRecord, set: setValues, timer } = editor;
  const editorRef = useRef(editor);
  useEffect(() => {
    editorRef.current = editor;
  });
  const programmeNames = useProgrammeNames(editor.values.programmeIds);

  const focusForm = useCallback(() => {
    setTab('entry');
    // After the tab switch renders: the first field of the form, so typing can start at once.
    setTimeout(() => entryRef.current?.querySelector<HTMLElement>('form input:checked, form input')?.focus(), 0);
  }, []);

  // Restore: the newest unsaved draft comes back into the form; the others wait in "복원할 초안".
  useEffect(() => {
    let live = true;
    getDesk().calls.listDrafts().then((list) => {
      if (live && list[0]) loadDraft(list[0], t('draftRestored'));
    }, () => undefined);
    return () => {
      live = false;
    };
  }, [loadDraft, t]);

  useEffect(() => {
    const iv = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(iv);
  }, []);

  // Whenever another record comes into the form, the one it replaced (autosaved) joins "복원할 초안".
  const currentId = editor.values.id;
  useEffect(() => {
    const timer = setTimeout(refreshDrafts, 500);
    return () => clearTimeout(timer);
  }, [currentId, refreshDrafts]);

  const { incoming, dismiss } = useIncomingCall((c) => {
    const ed = editorRef.current;
    if (c.draftId && ed.values.id === c.draftId && c.call.endedAt) {
      // The call ended while its record is open: take the measured duration.
      ed.timer.stop(c.call.answeredAt ? Math.round((Date.parse(c.call.endedAt) - Date.parse(c.call.answeredAt)) / 1000) : undefined);
      return true;
    }
    return false;
  });

  const openById = useCallback(async (id: string) => {
    const draft = await getDesk().calls.getDraft({ id }).catch(() => null);
    if (draft) loadDraft(draft);
    else {
      const rec = await getDesk().calls.get({ id }).catch(() => null);
      if (rec) loadRecord(rec.callLog);
      else loadDraft({ ...emptyDraft(id) });
    }
    focusForm();
  }, [focusForm, loadDraft, loadRecord]);

  useWorkspaceRequest('callLog:open', useCallback(({ id }: { id: string }) => void openById(id), [openById]));
  useWorkspaceRequest('callLog:attachProgramme', useCallback(({ programme }: { programme: Programme }) => {
    client.setQueryData(['programmes', 'get', programme.id], programme);
    const ed = editorRef.current;
    if (!ed.values.programmeIds.includes(programme.id)) ed.set({ programmeIds: [...ed.values.programmeIds, programme.id].slice(0, 20) });
    setTab('entry');
  }, [client]));

  const startFromIncoming = async (c: IncomingCall) => {
    dismiss();
    const draft = c.draftId ? await getDesk().calls.getDraft({ id: c.draftId }).catch(() => null) : null;
    const known = c.history.find((l) => l.callerName)?.callerName ?? c.conversations.find((x) => x.citizenName)?.citizenName ?? null;
    if (draft) loadDraft(draft.callerName || !known ? draft : { ...draft, callerName: known });
    else {
      const phone = normaliseKoreanPhone(c.call.from);
      loadDraft({ ...emptyDraft(newId()), channel: 'phone', callerPhone: phone, callerName: known, ctiCallId: c.call.callId, startedAt: c.call.answeredAt ?? c.call.ringingAt });
    }
    if (c.call.answeredAt && !c.call.endedAt) timer.start(c.call.answeredAt);
    focusForm();
  };

  const restore = async (d: CallLogDraft) => {
    // The record being typed is autosaved first, so it shows up in the list in place of the restored one.
    await editorRef.current.flush();
    loadDraft(d);
  };

  const callBack = useCallback((log: CallLog) => {
    const id = newId();
    callbackFor.current = { recordId: id, callbackId: log.id };
    loadDraft({
      ...emptyDraft(id), channel: 'phone', callerName: log.callerName, callerPhone: log.callerPhone, dong: log.dong,
      field: log.field, subTopic: log.subTopic, notes: callbackNote(kstDateTime(log.callbackAt ?? log.startedAt)),
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

  const openConversation = useCallback((conversationId: string) => {
    dismiss();
    request('inbox:open', { conversationId });
    request('area:focus', { area: 'conversation' });
  }, [dismiss]);

  useCallsShortcuts({
    onSave: () => {
      setTab('entry');
      void editorRef.current.save().then((saved) => {
        // A refused save shows its errors in the form: bring it forward wherever the keys were pressed.
        if (!saved) request('area:focus', { area: 'calls' });
        toast.show(saved ? t('saved') : editorRef.current.status?.text ?? t('fixErrors'), saved ? 'success' : 'error');
      });
    },
    onNew: () => {
      request('area:focus', { area: 'calls' });
      void editorRef.current.newRecord().then(focusForm);
    },
    onBlocked: (dialog, action) => toast.show(t(action === 'save' ? 'shortcutBlockedSave' : 'shortcutBlockedNew', { dialog: dialog || t('dialog') }), 'error'),
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

        <CallbackDueNotice onCallBack={callBack} />

        <Tabs.Panel value="entry" pt="xs" ref={entryRef}>
          <Stack gap="xs">
            <DraftsToRestore currentId={currentId} onRestore={(d) => void restore(d)} />
            <CallLogForm editor={editor} programmeNames={programmeNames}
              onProgrammeAdded={(p) => client.setQueryData(['programmes', 'get', p.id], p)}
              onOpenRecord={setDetailId} onOpenConversation={openConversation} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="list" pt="xs">
          <CallLogList onOpen={setDetailId} />
        </Tabs.Panel>
        <Tabs.Panel value="callbacks" pt="xs">
          <CallbacksView now={now} onCallBack={callBack} onMissedCall={fromMissed} />
        </Tabs.Panel>
        <Tabs.Panel value="stats" pt="xs">
          {statsMounted && (
            <LazyScreen>
              <StatsView />
            </LazyScreen>
          )}
        </Tabs.Panel>
      </Tabs>
      {/* Every dialog of the panel sits outside the tabs: a tab hidden while its dialog closes
          (React's Activity pauses it) would leave the Modal's overlay mounted over the page. */}
      <ConflictDialog editor={editor} programmeNames={programmeNames} />
      <IncomingCallDialog call={incoming} onClose={dismiss} onStart={(c) => void startFromIncoming(c)}
        onOpenRecord={setDetailId} onOpenConversation={openConversation} />
      <RecordDetail id={detailId} onClose={() => setDetailId(null)} onEdit={(r) => {
        setDetailId(null);
        dismiss();
        editRecord(r);
      }} />
      <ShortcutToast toast={toast} />
    </section>
  );
}

function emptyDraft(id: string): CallLogDraft {
  return { id, baseVersion: null, channel: 'phone', startedAt: new Date().toISOString() };
}
