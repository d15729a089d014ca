import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CallLogDraft, type CallLogView, toDeskError } from '../../../common/desk-api/index.js';
import type { CallLogInput } from '../../../common/domain/index.js';
import { getDesk } from '../../app/desk.js';
import { isoToKstWall } from '../../app/time.js';
import { type Conflict, type ConflictPick, mergeConflict } from './conflict.js';
import { type FormErrors, type FormValues, emptyForm, fromDraft, fromRecord, isBlank, toDraft, validate } from './form-state.js';
import { useSaveErrorText } from './save-errors.js';

export const AUTOSAVE_DELAY_MS = 300;

export interface Status {
  kind: 'info' | 'success' | 'error';
  text: string;
}

export interface CallLogEditor {
  values: FormValues;
  errors: FormErrors;
  status: Status | null;
  saving: boolean;
  /** Set when a saved record is being edited. */
  editing: boolean;
  set(patch: Partial<FormValues>): void;
  newRecord(): Promise<void>;
  loadDraft(d: CallLogDraft, message?: string): void;
  loadRecord(r: CallLogView): void;
  /** Writes any pending autosave at once. */
  flush(): Promise<void>;
  save(): Promise<CallLogView | null>;
  timer: { running: boolean; elapsed: number; start(fromIso?: string): void; stop(finalSec?: number): void };
  setStatus(s: Status | null): void;
  /** Another counsellor saved this record first: both versions, until the counsellor chooses. */
  conflict: Conflict | null;
  /** Saves the choice made field by field (mine or theirs) on top of their version. */
  resolveConflict(pick: ConflictPick): Promise<CallLogView | null>;
  /** Drops mine and shows their version in the form. */
  keepTheirs(): void;
  /** Closes the choice without saving; the form keeps mine as a draft. */
  dismissConflict(): void;
}

/** The state of the 상담 기록 form: values, autosaved draft (debounced), the live-call timer, and save. */
export function useCallLogEditor(options: { onSaved?: (v: CallLogView) => void } = {}): CallLogEditor {
  const { t } = useTranslation('calls');
  const [values, setValues] = useState<FormValues>(() => emptyForm(new Date()));
  const [errors, setErrors] = useState<FormErrors>({});
  const [status, setStatus] = useState<Status | null>(null);
  const [saving, setSaving] = useState(false);
  const [editing, setEditing] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const errorText = useSaveErrorText();
  const [now, setNow] = useState(() => Date.now());
  // The running timer lives in the values, so the autosaved draft carries it through a crash.
  const timerStart = values.timerStartedAt ? Date.parse(values.timerStartedAt) : null;

  const blankRef = useRef<FormValues>(values);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; draft: CallLogDraft } | null>(null);
  const dirty = useRef(false);
  const valuesRef = useRef(values);
  const onSavedRef = useRef(options.onSaved);
  // Save and the timer read the latest values from handlers that outlive a render.
  useEffect(() => {
    valuesRef.current = values;
    onSavedRef.current = options.onSaved;
  });

  const writeDraft = useCallback(async (draft: CallLogDraft) => {
    try {
      await getDesk().calls.saveDraft(draft);
    } catch (err) {
      setStatus({ kind: 'error', text: `${t('saveFailed')}: ${errorText(err)}` });
    }
  }, [t, errorText]);

  const flush = useCallback(async () => {
    const p = pending.current;
    if (!p) return;
    clearTimeout(p.timer);
    pending.current = null;
    await writeDraft(p.draft);
  }, [writeDraft]);

  // Autosave on every change, debounced: each keystroke reschedules; the last one is written.
  useEffect(() => {
    if (!dirty.current) return;
    if (isBlank(values, blankRef.current) && !editing) return;
    const draft = toDraft(values);
    if (pending.current) clearTimeout(pending.current.timer);
    const timer = setTimeout(() => {
      pending.current = null;
      void writeDraft(draft);
    }, AUTOSAVE_DELAY_MS);
    pending.current = { timer, draft };
  }, [values, editing, writeDraft]);

  // The pending autosave must not be lost when the panel unmounts or the window goes away; the
  // request is on its way before the page is torn down.
  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void flush();
    };
  }, [flush]);

  useEffect(() => {
    if (timerStart === null) return;
    const iv = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(iv);
  }, [timerStart]);

  const set = useCallback((patch: Partial<FormValues>) => {
    dirty.current = true;
    setValues((v) => ({ ...v, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[k as keyof FormErrors];
      return next;
    });
  }, []);

  const replace = useCallback((v: FormValues, isEditing: boolean) => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
    dirty.current = false;
    blankRef.current = emptyForm(new Date(), v.id);
    setValues(v);
    setErrors({});
    setEditing(isEditing);
    setNow(Date.now());
  }, []);

  const newRecord = useCallback(async () => {
    await flush();
    replace(emptyForm(new Date()), false);
    setStatus(null);
  }, [flush, replace]);

  const loadDraft = useCallback((d: CallLogDraft, message?: string) => {
    void flush();
    replace(fromDraft(d, new Date()), d.baseVersion !== null && d.baseVersion !== undefined);
    setStatus(message ? { kind: 'info', text: message } : null);
  }, [flush, replace]);

  const loadRecord = useCallback((r: CallLogView) => {
    void flush();
    replace(fromRecord(r, new Date()), true);
    setStatus({ kind: 'info', text: t('editing') });
  }, [flush, replace, t]);

  const timer = {
    running: timerStart !== null,
    elapsed: timerStart === null ? values.durationSec : Math.max(0, Math.floor((now - timerStart) / 1000)),
    start: (fromIso?: string) => {
      const from = fromIso ? Date.parse(fromIso) : Date.now();
      const startedIso = new Date(from).toISOString();
      setNow(Date.now());
      set(fromIso ? { timerStartedAt: startedIso } : { timerStartedAt: startedIso, startedAt: isoToKstWall(new Date(from)), startedAtExact: startedIso, durationSec: 0 });
    },
    stop: (finalSec?: number) => {
      const sec = finalSec ?? (timerStart === null ? valuesRef.current.durationSec : Math.max(0, Math.round((Date.now() - timerStart) / 1000)));
      set({ durationSec: sec, timerStartedAt: null });
    },
  };

  /** Sends one record to desk.calls.save; on success the form starts a new record and says so next to 저장. */
  const commit = useCallback(async (id: string, input: CallLogInput, baseVersion: number | null): Promise<CallLogView | null> => {
    setSaving(true);
    try {
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = null;
      const saved = await getDesk().calls.save({ id, input, baseVersion });
      setConflict(null);
      onSavedRef.current?.(saved);
      replace(emptyForm(new Date()), false);
      setStatus({ kind: 'success', text: t('saved') });
      return saved;
    } catch (err) {
      const e = toDeskError(err);
      if (e.code === 'conflict') {
        // Both versions side by side: the counsellor decides, nothing is overwritten without a choice.
        const theirs = await getDesk().calls.get({ id }).catch(() => null);
        if (theirs) {
          setConflict({ id, mine: input, theirs: theirs.callLog });
          setStatus({ kind: 'error', text: t('conflictStatus') });
          return null;
        }
      }
      // The draft stays: the counsellor can fix the cause and save again.
      setStatus({ kind: 'error', text: `${t('saveFailed')}: ${errorText(e)}` });
      return null;
    } finally {
      setSaving(false);
    }
  }, [replace, t, errorText]);

  const save = useCallback(async (): Promise<CallLogView | null> => {
    const v = valuesRef.current;
    const timerStart = v.timerStartedAt ? Date.parse(v.timerStartedAt) : null;
    const live = timerStart !== null ? Math.max(0, Math.round((Date.now() - timerStart) / 1000)) : null;
    const toCheck = live !== null ? { ...v, durationSec: live } : v;
    const { input, errors: errs } = validate(toCheck, {
      phoneInvalid: t('phoneInvalid'),
      callbackRequired: t('callbackRequired'),
      startedAt: t('startedAtInvalid'),
    });
    setErrors(errs);
    if (!input) {
      setStatus({ kind: 'error', text: t('fixErrors') });
      return null;
    }
    return commit(v.id, input, v.baseVersion);
  }, [commit, t]);

  const resolveConflict = useCallback(async (pick: ConflictPick) => {
    if (!conflict) return null;
    return commit(conflict.id, mergeConflict(conflict, pick), conflict.theirs.version);
  }, [commit, conflict]);

  const keepTheirs = useCallback(() => {
    if (!conflict) return;
    void getDesk().calls.discardDraft({ id: conflict.id }).catch(() => undefined);
    replace(fromRecord(conflict.theirs, new Date()), true);
    setConflict(null);
    setStatus({ kind: 'info', text: t('conflictKeptTheirs') });
  }, [conflict, replace, t]);

  const dismissConflict = useCallback(() => setConflict(null), []);

  return {
    values, errors, status, saving, editing, set, newRecord, loadDraft, loadRecord, flush, save, timer, setStatus,
    conflict, resolveConflict, keepTheirs, dismissConflict,
  };
}
