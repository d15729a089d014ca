import { useEffect } from 'react';
import type { Programme } from '../../common/domain/index.js';

/**
 * Cross-feature requests inside the window: the programme lookup can send a card to the open
 * chat or attach a programme to the call log; the inbox can open a call log. Features stay in
 * their folders and talk through these typed requests instead of importing each other.
 */
export interface WorkspaceRequests {
  /** Insert a programme card into the open conversation's composer. */
  'composer:insertProgramme': { programme: Programme };
  /** Insert text at the composer's cursor (canned reply, copied text). */
  'composer:insertText': { text: string };
  /** Add a programme to the 상담 기록 being edited (or a new one). */
  'callLog:attachProgramme': { programme: Programme };
  /** Open a record in the call-log form (new one when id is a fresh draft id). */
  'callLog:open': { id: string };
  /** Search the programme lookup for this text (이 메시지로 찾기: a citizen's whole message). */
  'programmes:search': { q: string };
  /** Show a conversation in the "대화" area. */
  'inbox:open': { conversationId: string };
  /** Open 구독 관리 for this citizen (the conversation's 구독 button). */
  'subscriptions:open': { citizenKey: string };
  /** Move focus to an area: the shell switches tabs in the narrow layout. */
  'area:focus': { area: 'inbox' | 'conversation' | 'programmes' | 'calls' };
  /** Show an area without moving focus (the caller focuses an element inside it). */
  'area:show': { area: 'inbox' | 'conversation' | 'programmes' | 'calls' };
}
export type WorkspaceRequest = keyof WorkspaceRequests;
type Listener<K extends WorkspaceRequest> = (payload: WorkspaceRequests[K]) => void;

const listeners = new Map<WorkspaceRequest, Set<Listener<WorkspaceRequest>>>();

export function request<K extends WorkspaceRequest>(kind: K, payload: WorkspaceRequests[K]): void {
  for (const l of listeners.get(kind) ?? []) (l as Listener<K>)(payload);
}

export function listen<K extends WorkspaceRequest>(kind: K, listener: Listener<K>): () => void {
  let set = listeners.get(kind);
  if (!set) listeners.set(kind, (set = new Set()));
  set.add(listener as Listener<WorkspaceRequest>);
  return () => set.delete(listener as Listener<WorkspaceRequest>);
}

/** Subscribe for the lifetime of a component. */
export function useWorkspaceRequest<K extends WorkspaceRequest>(kind: K, listener: Listener<K>): void {
  useEffect(() => listen(kind, listener), [kind, listener]);
}
