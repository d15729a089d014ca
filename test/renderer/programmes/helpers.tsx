import { QueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import type { Programme } from '../../../common/domain/index.js';
import { ProgrammeSearchIndex } from '../../../common/search/index.js';
import { renderInDeskProviders } from '../app/render-desk.js';
import { createFakeDesk, type FakeDesk } from '../fake-desk.js';

export function programme(over: Partial<Programme> & { id: string; name: string }): Programme {
  return {
    summary: '', field: '복지일반', lifeStages: [], households: [], themes: [], target: '', criteria: '', benefits: '',
    howToApply: '', contact: '', legalBasis: '', provider: 'central', agency: '', onlineApplication: false, sourceUrl: null,
    sourceUpdatedAt: null, updatedAt: '2026-01-01T00:00:00.000Z', version: 1, ...over,
  };
}

export const CATALOGUE: Programme[] = [
  programme({
    id: 'WLF00001164', name: '기초연금', summary: '65세 이상 어르신 중 소득인정액이 선정기준액 이하인 분께 연금을 드립니다.',
    lifeStages: ['노년'], households: ['저소득'], themes: ['생활지원'], agency: '보건복지부 기초연금과', contact: '보건복지상담센터 129',
    howToApply: '온라인 신청 가능 (복지로)', onlineApplication: true, field: '저소득층 지원',
    sourceUrl: 'https://www.bokjiro.go.kr/ssis-tbu/twataa/wlfareInfo/moveTWAT52011M.do?wlfareInfoId=WLF00001164&wlfareInfoReldBztpCd=01',
    sourceUpdatedAt: '2025-03-30T15:00:00.000Z',
  }),
  programme({ id: 'WLF00003249', name: '장애인연금', summary: '중증장애인의 생활 안정을 지원합니다.', households: ['장애인'], field: '장애인 복지' }),
  programme({ id: 'WLF00003201', name: '주거급여(맞춤형 급여)', summary: '저소득 가구에 임차료를 지원합니다.', themes: ['주거'], households: ['저소득'], field: '저소득층 지원' }),
  programme({ id: 'WLF00003132', name: '생계급여(맞춤형 급여)', summary: '생계가 어려운 가구에 생계비를 지원합니다.', households: ['저소득'], field: '저소득층 지원' }),
  programme({ id: 'WLF00003202', name: '의료급여(본인부담 상한금)', summary: '의료급여 수급권자의 본인부담을 덜어 줍니다.', households: ['저소득'], field: '보건의료' }),
  programme({ id: 'WLF00000072', name: '에너지바우처', summary: '난방비와 냉방비를 바우처로 지원합니다.', themes: ['에너지'], households: ['저소득'] }),
  programme({
    id: 'WLF00005441', name: '서울특별시 서울형 키즈카페 시립 뚝섬 자벌레점 운영 (아주 긴 이름이 잘리지 않는지 확인하는 항목)',
    summary: '아이와 보호자가 이용하는 공공 실내 놀이공간', provider: 'seoul', themes: ['보육'], field: '여성과 가족',
  }),
];

export interface ProgrammesFake extends FakeDesk {
  state: { favourites: string[]; recents: string[] };
}

/** A desk whose programmes namespace runs the real search index over CATALOGUE. */
export function makeProgrammesDesk(catalogue: Programme[] = CATALOGUE): ProgrammesFake {
  const index = new ProgrammeSearchIndex(catalogue);
  const byId = new Map(catalogue.map((p) => [p.id, p]));
  const state = { favourites: [] as string[], recents: [] as string[] };
  const fake = createFakeDesk({
    programmes: {
      search: async ({ q, limit, ...filters }) => {
        const hits = index.search(q, filters, limit);
        return { items: hits.map((hit) => ({ hit, programme: byId.get(hit.id)! })), total: hits.length };
      },
      get: async ({ id }) => byId.get(id) ?? null,
      favourites: async () => [...state.favourites],
      toggleFavourite: async ({ id }) => {
        state.favourites = state.favourites.includes(id) ? state.favourites.filter((f) => f !== id) : [...state.favourites, id];
        return [...state.favourites];
      },
      recents: async () => [...state.recents],
      markUsed: async ({ id }) => {
        state.recents = [id, ...state.recents.filter((r) => r !== id)].slice(0, 20);
        return { ok: true as const };
      },
    },
  });
  window.desk = fake.desk;
  return { ...fake, state };
}

export function renderLookup(ui: ReactElement) {
  return renderInDeskProviders(ui, new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } }));
}
