import { z } from 'zod';

/** The five counselling fields (분야) of the call centre; not in the open data, derived on import. */
export const FIELDS = ['복지일반', '저소득층 지원', '보건의료', '여성과 가족', '장애인 복지'] as const;
export const Field = z.enum(FIELDS);
export type Field = z.infer<typeof Field>;

/** 복지로 생애주기. */
export const LIFE_STAGES = ['영유아', '아동', '청소년', '청년', '중장년', '노년', '임신·출산'] as const;
export const LifeStage = z.enum(LIFE_STAGES);
export type LifeStage = z.infer<typeof LifeStage>;

/** 복지로 가구상황. */
export const HOUSEHOLDS = ['다문화·탈북민', '다자녀', '보훈대상자', '장애인', '저소득', '한부모·조손'] as const;
export const Household = z.enum(HOUSEHOLDS);
export type Household = z.infer<typeof Household>;

/** 복지로 관심주제. */
export const THEMES = [
  '신체건강', '정신건강', '생활지원', '주거', '일자리', '문화·여가', '안전·위기', '임신·출산',
  '보육', '교육', '입양·위탁', '보호·돌봄', '서민금융', '법률', '에너지',
] as const;
export const Theme = z.enum(THEMES);
export type Theme = z.infer<typeof Theme>;

/** Who provides a programme: 중앙부처 / 서울시 / 자치구. */
export const PROVIDERS = ['central', 'seoul', 'district'] as const;
export const Provider = z.enum(PROVIDERS);
export type Provider = z.infer<typeof Provider>;
export const PROVIDER_LABELS: Record<Provider, string> = { central: '중앙부처', seoul: '서울시', district: '자치구' };

/** Conversation status codes with their Korean labels (열림/대기/보류/종료). */
export const CONVERSATION_STATUSES = ['open', 'waiting', 'held', 'closed'] as const;
export const ConversationStatus = z.enum(CONVERSATION_STATUSES);
export type ConversationStatus = z.infer<typeof ConversationStatus>;
export const CONVERSATION_STATUS_LABELS: Record<ConversationStatus, string> = {
  open: '열림', waiting: '대기', held: '보류', closed: '종료',
};

/** Consultation channels (전화 / 카카오톡 / 방문). */
export const CALL_CHANNELS = ['phone', 'kakao', 'visit'] as const;
export const CallChannel = z.enum(CALL_CHANNELS);
export type CallChannel = z.infer<typeof CallChannel>;
export const CALL_CHANNEL_LABELS: Record<CallChannel, string> = { phone: '전화', kakao: '카카오톡', visit: '방문' };

/** 조치 (outcome) of a consultation. */
export const CALL_ACTIONS = ['info', 'apply_guide', 'referral', 'transfer', 'emergency'] as const;
export const CallAction = z.enum(CALL_ACTIONS);
export type CallAction = z.infer<typeof CallAction>;
export const CALL_ACTION_LABELS: Record<CallAction, string> = {
  info: '정보제공', apply_guide: '신청안내', referral: '기관연계', transfer: '이관', emergency: '긴급지원 요청',
};

/** 상담원, 팀장 (supervisor: the board, reassigning, approvals, team reports), 관리자. */
export const ROLES = ['counsellor', 'supervisor', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;
