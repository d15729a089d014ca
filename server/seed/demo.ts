import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { Programme, type Conversation, type Message } from '../../common/domain/index.js';
import type { ServerConfig } from '../config.js';
import { findCounsellorByUsername, insertCounsellor } from '../db/counsellors.js';
import { appendMessage, newConversation, putConversation } from '../db/conversations.js';
import { preview } from '../domain/conversations.js';
import { saveProgramme } from '../db/programmes.js';
import type { Store } from '../db/store.js';
import { insertCannedReply } from '../db/canned-replies.js';
import { DEMO_CANNED_REPLIES, DEMO_CONVERSATIONS, DEMO_COUNSELLORS } from './demo-data.js';

/** A stable UUID (v4 layout) per demo item, so a restart finds what it seeded before. */
export function demoUuid(name: string): string {
  const h = createHash('sha256').update(`bokji-demo:${name}`).digest('hex');
  const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function readCatalogue(file: string, log: FastifyBaseLogger): Promise<Programme[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    log.warn({ file }, 'demo catalogue not found: no programmes seeded (run npm run import:catalogue)');
    return [];
  }
  const parsed = z.array(Programme).safeParse(JSON.parse(text));
  if (!parsed.success) {
    log.warn({ file, issues: parsed.error.issues.slice(0, 3) }, 'demo catalogue does not match the Programme schema: no programmes seeded');
    return [];
  }
  return parsed.data;
}

/**
 * BOKJI_DEMO=1: demo accounts, canned replies, a handful of conversations and the demo
 * catalogue. Idempotent: everything has a stable id and is only inserted when missing.
 */
export async function seedDemo(store: Store, config: ServerConfig, log: FastifyBaseLogger): Promise<void> {
  const catalogue = await readCatalogue(config.demoCatalogueFile, log);
  const ids = new Map<string, string>();
  await store.write(null, async (tx) => {
    for (const c of DEMO_COUNSELLORS) {
      const existing = await findCounsellorByUsername(tx.trx, c.username);
      if (existing) {
        ids.set(c.username, existing.id);
        continue;
      }
      const created = await insertCounsellor(tx, { id: demoUuid(`counsellor:${c.username}`), ...c, password: config.demoPassword });
      ids.set(c.username, created.id);
    }

    for (const r of DEMO_CANNED_REPLIES) {
      const id = demoUuid(`canned:${r.key}`);
      const exists = await tx.trx.selectFrom('canned_replies').select('id').where('id', '=', id).executeTakeFirst();
      if (!exists) await insertCannedReply(tx, id, { title: r.title, body: r.body, shortcut: r.shortcut });
    }

    const seededAt = Date.parse(tx.now);
    for (const d of DEMO_CONVERSATIONS) {
      const id = demoUuid(`conversation:${d.key}`);
      const exists = await tx.trx.selectFrom('conversations').select('id').where('id', '=', id).executeTakeFirst();
      if (exists) continue;
      const start = seededAt - d.startedMinutesAgo * 60_000;
      const at = (i: number) => new Date(start + i * 60_000).toISOString();
      const assigneeId = d.assignee ? (ids.get(d.assignee) ?? null) : null;
      let conversation: Conversation = {
        ...newConversation(d.citizenKey, at(0)),
        id,
        citizenName: d.citizenName,
        citizenPhone: d.citizenPhone,
        status: d.status,
        assigneeId,
      };
      for (const [i, m] of d.messages.entries()) {
        const message: Message = {
          id: demoUuid(`message:${d.key}:${i}`),
          conversationId: id,
          direction: m.from === 'citizen' ? 'inbound' : 'outbound',
          kind: 'text',
          body: m.body,
          imageUrl: null,
          programmeId: null,
          authorId: m.from === 'citizen' ? null : assigneeId,
          // Demo history: the replies count as delivered long ago.
          delivery: m.from === 'citizen' ? null : 'delivered',
          deliveryError: null,
          createdAt: at(i),
        };
        conversation = {
          ...conversation,
          lastMessageAt: message.createdAt,
          lastMessagePreview: preview(m.body),
          unreadCount: m.from === 'citizen' ? conversation.unreadCount + 1 : 0,
          waitingSince: m.from === 'citizen' ? (conversation.waitingSince ?? message.createdAt) : null,
        };
        if (d.status === 'closed') conversation.unreadCount = 0;
        // Insert the conversation before its first message (foreign key).
        if (i === 0) await putConversation(tx, conversation, true);
        await appendMessage(tx, message);
      }
      if (d.status === 'closed') {
        conversation = { ...conversation, closedAt: conversation.lastMessageAt, waitingSince: null, field: '복지일반', summary: '청년 월세 지원 신청 시기 안내' };
      }
      await putConversation(tx, { ...conversation, updatedAt: conversation.lastMessageAt ?? tx.now, version: 2 }, false);
    }

    if (catalogue.length > 0) {
      const existing = new Set((await tx.trx.selectFrom('programmes').select('id').execute()).map((r) => r.id));
      for (const p of catalogue) {
        if (existing.has(p.id)) continue;
        const { id, updatedAt: _u, version: _v, ...input } = p;
        await saveProgramme(tx, id, input, null, 'seed');
      }
    }
  });
  log.info({ programmes: catalogue.length }, 'demo data seeded (idempotent)');
}
