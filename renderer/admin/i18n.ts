import { defineStrings } from '../i18n/define-strings.js';

/** Strings of the admin screens outside 접속기록 (상용구 관리), namespace 'admin'. */
const ko = {
  canned: {
    title: '상용구 관리',
    intro: '상담원이 답장 입력창에서 “/” 로 불러 쓰는 문구입니다. 저장하면 모든 상담원의 데스크에 반영됩니다. (서버 연결 필요)',
    add: '새 상용구',
    editForm: '상용구 수정',
    addForm: '새 상용구',
    titleLabel: '제목',
    body: '내용',
    bodyHint: '{{citizen}} 은 시민 이름, {{counsellor}} 은 상담원 이름으로 바뀌어 들어갑니다.',
    shortcut: '단축어 (선택)',
    shortcutHint: '“/단축어” 로 바로 찾을 수 있습니다.',
    cancel: '취소',
    save: '저장',
    loading: '불러오는 중…',
    empty: '등록된 상용구가 없습니다.',
    list: '상용구 목록',
    shortcutColumn: '단축어',
    actions: '작업',
    edit: '수정',
    editOne: '{{title}} 수정',
    delete: '삭제',
    deleteOne: '{{title}} 삭제',
    deleteTitle: '상용구 삭제',
    deleteConfirm: '“{{title}}” 상용구를 삭제할까요? 모든 상담원의 목록에서 사라집니다.',
  },
};

const en = {
  canned: {
    title: 'Canned replies',
    intro: 'Texts counsellors insert with “/” in the reply box. Saving updates every counsellor\'s desk. (Needs the server.)',
    add: 'New canned reply',
    editForm: 'Edit canned reply',
    addForm: 'New canned reply',
    titleLabel: 'Title',
    body: 'Text',
    bodyHint: '{{citizen}} becomes the citizen\'s name and {{counsellor}} the counsellor\'s.',
    shortcut: 'Shortcut (optional)',
    shortcutHint: 'Type “/shortcut” to find it at once.',
    cancel: 'Cancel',
    save: 'Save',
    loading: 'Loading…',
    empty: 'No canned replies yet.',
    list: 'Canned replies',
    shortcutColumn: 'Shortcut',
    actions: 'Actions',
    edit: 'Edit',
    editOne: 'Edit {{title}}',
    delete: 'Delete',
    deleteOne: 'Delete {{title}}',
    deleteTitle: 'Delete canned reply',
    deleteConfirm: 'Delete the canned reply “{{title}}”? It disappears from every counsellor\'s list.',
  },
};

export const adminI18n = defineStrings(ko, en);
