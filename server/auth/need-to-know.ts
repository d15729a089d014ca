import type { CallLog, Conversation, ConversationPatch, Counsellor } from '../../common/domain/index.js';
import { problems } from '../http/problem.js';

/**
 * Need-to-know (고시 제5조 접근 권한의 관리): the team reads one shared inbox, but only the people
 * responsible for a record change it. Supervisors (팀장) and admins may change anything.
 */
const oversees = (me: Counsellor) => me.role === 'supervisor' || me.role === 'admin';

/** A call log is changed by its author, the assignee of its conversation, supervisors and admins. */
export function requireCallLogChange(me: Counsellor, log: CallLog, conversationAssigneeId: string | null): void {
  if (oversees(me) || log.counsellorId === me.id || (conversationAssigneeId !== null && conversationAssigneeId === me.id)) return;
  throw problems.forbidden(
    '다른 상담원이 쓴 상담 기록은 작성자, 해당 상담의 담당자, 팀장만 고칠 수 있습니다 (only the author, the conversation\'s assignee or a supervisor may change this record).',
  );
}

/**
 * Status and assignee (and 보류 time) of a conversation are changed by its assignee, by anyone
 * claiming it while it is unassigned, and by supervisors and admins. Other fields (read marks,
 * 분야, summary, the citizen's name) stay team-wide like the inbox.
 */
export function requireConversationRouting(me: Counsellor, c: Conversation, patch: ConversationPatch): void {
  const routing = patch.status !== undefined || patch.assigneeId !== undefined || patch.heldUntil !== undefined;
  if (!routing || oversees(me) || c.assigneeId === me.id) return;
  if (c.assigneeId === null && patch.assigneeId === me.id) return;
  throw problems.forbidden(
    c.assigneeId === null
      ? '배정되지 않은 상담은 먼저 자신에게 배정(가져오기)한 뒤 상태를 바꿀 수 있습니다 (claim the conversation first).'
      : '다른 상담원이 맡은 상담의 상태나 담당자는 담당자나 팀장만 바꿀 수 있습니다 (only the assignee or a supervisor may change it).',
  );
}
