import { type z } from 'zod';
import { CallLog, Conversation, Message } from '../../../common/domain/index.js';
import { LoginResponse, Page } from '../../../common/rest/index.js';

/** A direct line to the central service for tests: what does the server really hold? */
export async function serverLogin(url: string, username: string, password: string): Promise<{ token: string; counsellorId: string }> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const body = LoginResponse.parse(await res.json());
  return { token: body.token, counsellorId: body.counsellor.id };
}

async function getJson<S extends z.ZodType>(url: string, token: string, schema: S): Promise<z.output<S>> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return schema.parse(await res.json());
}

async function allPages<T extends z.ZodType>(base: string, token: string, item: T): Promise<z.output<T>[]> {
  const out: z.output<T>[] = [];
  let cursor: string | null = null;
  do {
    const sep = base.includes('?') ? '&' : '?';
    const page: { items: z.output<T>[]; nextCursor: string | null } = await getJson(
      `${base}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token, Page(item),
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export const serverConversations = (url: string, token: string) => allPages(`${url}/api/v1/conversations`, token, Conversation);
export const serverMessages = (url: string, token: string, conversationId: string) =>
  allPages(`${url}/api/v1/conversations/${conversationId}/messages`, token, Message);
export const serverCallLogs = (url: string, token: string) => allPages(`${url}/api/v1/call-logs`, token, CallLog);
export const serverConversation = (url: string, token: string, id: string) => getJson(`${url}/api/v1/conversations/${id}`, token, Conversation);
export const serverCallLog = (url: string, token: string, id: string) => getJson(`${url}/api/v1/call-logs/${id}`, token, CallLog);
