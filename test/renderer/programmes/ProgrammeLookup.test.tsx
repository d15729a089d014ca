import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { listen } from '../../../renderer/app/workspace-bus.js';
import { ProgrammeLookup } from '../../../renderer/programmes/ProgrammeLookup.js';
import { CATALOGUE, makeProgrammesDesk, renderLookup } from './helpers.js';

const searchbox = () => screen.getByRole('searchbox', { name: '복지 프로그램 검색' });
const results = () => screen.findByRole('listbox', { name: '검색 결과' });

describe('ProgrammeLookup', () => {
  it('renders the searchbox "복지 프로그램 검색" and the source credit', () => {
    makeProgrammesDesk();
    renderLookup(<ProgrammeLookup />);
    expect(searchbox()).toBeInTheDocument();
    expect(screen.getAllByText('출처: 한국사회보장정보원 복지서비스정보, 공공데이터포털').length).toBeGreaterThan(0);
  });

  it('focuses the searchbox on Ctrl+K from anywhere, also with the Korean IME on', async () => {
    makeProgrammesDesk();
    const user = userEvent.setup({ delay: null });
    renderLookup(
      <>
        <button type="button">elsewhere</button>
        <ProgrammeLookup />
      </>,
    );
    screen.getByRole('button', { name: 'elsewhere' }).focus();
    await user.keyboard('{Control>}k{/Control}');
    expect(searchbox()).toHaveFocus();
    screen.getByRole('button', { name: 'elsewhere' }).focus();
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ㅏ', code: 'KeyK', ctrlKey: true, bubbles: true }));
    });
    expect(searchbox()).toHaveFocus();
  });

  it('searches as you type through desk.programmes.search and highlights the matched part of the name', async () => {
    const fake = makeProgrammesDesk();
    const user = userEvent.setup({ delay: null });
    renderLookup(<ProgrammeLookup />);
    await user.type(searchbox(), '기초 연금');
    const list = await results();
    await waitFor(() => expect(within(list).getAllByRole('option')[0]).toHaveTextContent('기초연금'));
    const first = within(list).getAllByRole('option')[0]!;
    expect(first.querySelector('mark')).toHaveTextContent('기초연금');
    expect(fake.calls.some(([c, a]) => c === 'programmes:search' && (a as { q: string }).q === '기초 연금')).toBe(true);
    expect(screen.getByText(/\d+건/)).toBeInTheDocument();
  });

  it('finds by 초성 and colloquial words (the real search index behind the fake desk)', async () => {
    makeProgrammesDesk();
    const user = userEvent.setup({ delay: null });
    renderLookup(<ProgrammeLookup />);
    await user.type(searchbox(), 'ㅇㄴㅈㅂㅇㅊ');
    await waitFor(async () => expect(within(await results()).getAllByRole('option')[0]).toHaveTextContent('에너지바우처'));
    await user.clear(searchbox());
    await user.type(searchbox(), '월세가 밀렸어요');
    await waitFor(async () => expect(within(await results()).getAllByRole('option')[0]).toHaveTextContent('주거급여'));
  });

  it('says so when nothing matches', async () => {
    makeProgrammesDesk();
    const user = userEvent.setup({ delay: null });
    renderLookup(<ProgrammeLookup />);
    await user.type(searchbox(), 'zzqx');
    expect(await screen.findByText(/찾는 프로그램이 없습니다/)).toBeInTheDocument();
  });

  it('moves through results with arrows, opens with Enter, and goes back with Esc to the searchbox', async () => {
    const fake = makeProgrammesDesk();
    const user = userEvent.setup({ delay: null });
    renderLookup(<ProgrammeLookup />);
    await user.type(searchbox(), '연금');
    const options = await within(await results()).findAllByRole('option');
    expect(options.length).toBeGreaterThanOrEqual(2);
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(searchbox()).toHaveAttribute('aria-activedescendant', options[0]!.id);
    await user.keyboard('{ArrowDown}');
    const second = within(await results()).getAllByRole('option')[1]!;
    expect(second).toHaveAttribute('aria-selected', 'true');
    expect(searchbox()).toHaveAttribute('aria-activedescendant', second.id);
    const secondName = second.textContent!;
    await user.keyboard('{Enter}');
    const article = await screen.findByRole('article');
    expect(within(article).getByRole('heading')).toHaveTextContent(/연금/);
    expect(secondName).toContain(within(article).getByRole('heading').textContent!);
    await waitFor(() => expect(fake.calls.some(([c]) => c === 'programmes:markUsed')).toBe(true));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('article')).not.toBeInTheDocument());
    await waitFor(() => expect(searchbox()).toHaveFocus());
    expect(searchbox()).toHaveValue('연금');
    await user.keyboard('{Escape}');
    expect(searchbox()).toHaveValue('');
  });

  it('shows every catalogue field in the detail view, with the 복지로 link and the credit', async () => {
    makeProgrammesDesk();
    const user = userEvent.setup({ delay: null });
    renderLookup(<ProgrammeLookup />);
    await user.type(searchbox(), '기초연금{Enter}');
    const article = await screen.findByRole('article', { name: /기초연금/ });
    for (const label of ['요약', '지원 대상', '선정 기준', '지원 내용', '신청 방법', '문의처', '근거 법령', '소관 기관', '온라인 신청', '최종 수정일']) {
      expect(within(article).getByText(label)).toBeInTheDocument();
    }
    expect(within(article).getByText('보건복지상담센터 129')).toBeInTheDocument();
    // Fields the open data lacks say where to look instead of showing a blank.
    expect(within(article).getAllByText('정보 없음 (복지로에서 확인)').length).toBeGreaterThan(0);
    const link = within(article).getByRole('link', { name: '복지로에서 보기' });
    expect(link).toHaveAttribute('href', CATALOGUE[0]!.sourceUrl);
    expect(link).toHaveAttribute('rel', expect.stringContaining('noopener'));
    expect(within(article).getByText('출처: 한국사회보장정보원 복지서비스정보, 공공데이터포털')).toBeInTheDocument();
  });

  it('sends a card to the chat and attaches to the call log through the workspace bus', async () => {
    makeProgrammesDesk();
    const user = userEvent.setup({ delay: null });
    const sent: string[] = [];
    const attached: string[] = [];
    const offs = [
      listen('composer:insertProgramme', ({ programme }) => sent.push(programme.id)),
      listen('callLog:attachProgramme', ({ programme }) => attached.push(programme.id)),
    ];
    try {
      renderLookup(<ProgrammeLookup />);
      await user.type(searchbox(), '에너지바우처{Enter}');
      const article = await screen.findByRole('article');
      await user.click(within(article).getByRole('button', { name: '대화에 보내기' }));
      expect(sent).toEqual(['WLF00000072']);
      expect(screen.getByRole('status')).toHaveTextContent('대화 입력창에 프로그램 카드를 넣었습니다.');
      await user.click(within(article).getByRole('button', { name: '상담 기록에 첨부' }));
      expect(attached).toEqual(['WLF00000072']);
    } finally {
      offs.forEach((off) => off());
    }
  });

  it('copies name, summary, contact and link to the clipboard', async () => {
    makeProgrammesDesk();
    const user = userEvent.setup({ delay: null });
    renderLookup(<ProgrammeLookup />);
    await user.type(searchbox(), '기초연금{Enter}');
    const article = await screen.findByRole('article');
    await user.click(within(article).getByRole('button', { name: '복사' }));
    const text = await navigator.clipboard.readText();
    expect(text).toContain('[기초연금]');
    expect(text).toContain('문의: 보건복지상담센터 129');
    expect(text).toContain(CATALOGUE[0]!.sourceUrl!);
    expect(await screen.findByRole('status')).toHaveTextContent('복사했습니다');
  });

  it('keeps favourites and recently viewed programmes and lists them when nothing is typed', async () => {
    const fake = makeProgrammesDesk();
    const user = userEvent.setup({ delay: null });
    renderLookup(<ProgrammeLookup />);
    expect(await screen.findByText('즐겨찾기한 프로그램이 없습니다.')).toBeInTheDocument();
    await user.type(searchbox(), '장애인연금{Enter}');
    const article = await screen.findByRole('article');
    const star = within(article).getByRole('button', { name: '즐겨찾기' });
    expect(star).toHaveAttribute('aria-pressed', 'false');
    await user.click(star);
    await waitFor(() => expect(within(article).getByRole('button', { name: '즐겨찾기 해제' })).toHaveAttribute('aria-pressed', 'true'));
    expect(fake.state.favourites).toEqual(['WLF00003249']);
    await user.click(within(article).getByRole('button', { name: '목록으로' }));
    await user.clear(searchbox());
    const favourites = await screen.findByRole('listbox', { name: '즐겨찾기' });
    expect(within(favourites).getByRole('option')).toHaveTextContent('장애인연금');
    const recents = await screen.findByRole('listbox', { name: '최근 본 프로그램' });
    expect(within(recents).getByRole('option')).toHaveTextContent('장애인연금');
  });

  it('filters by chips: a chosen chip narrows the search, a second click clears it', async () => {
    const fake = makeProgrammesDesk();
    const user = userEvent.setup({ delay: null });
    renderLookup(<ProgrammeLookup />);
    await user.type(searchbox(), '연금');
    await user.click(screen.getByRole('button', { name: '필터' }));
    const household = await screen.findByRole('group', { name: '가구상황' });
    await user.click(within(household).getByRole('checkbox', { name: '장애인' }));
    await waitFor(async () => {
      const options = within(await results()).getAllByRole('option');
      expect(options).toHaveLength(1);
      expect(options[0]).toHaveTextContent('장애인연금');
    });
    expect(fake.calls.some(([c, a]) => c === 'programmes:search' && (a as { household?: string }).household === '장애인')).toBe(true);
    expect(screen.getByRole('button', { name: '필터 1개 적용' })).toBeInTheDocument();
    await user.click(within(household).getByRole('checkbox', { name: '장애인' }));
    await waitFor(async () => expect(within(await results()).getAllByRole('option').length).toBeGreaterThan(1));
  });

  it('lists programmes by a filter alone, and never truncates a long name without its full text', async () => {
    makeProgrammesDesk();
    const user = userEvent.setup({ delay: null });
    renderLookup(<ProgrammeLookup />);
    await user.click(screen.getByRole('button', { name: '필터' }));
    await user.click(within(await screen.findByRole('group', { name: '제공 기관' })).getByRole('checkbox', { name: '서울시' }));
    const option = (await within(await results()).findAllByRole('option'))[0]!;
    const long = CATALOGUE[6]!.name;
    expect(option).toHaveTextContent(long);
    expect(within(option).getByTitle(long)).toBeInTheDocument();
  });

  it('runs the income quick screen: % of the median, 급여 lines, guidance label and matching programmes', async () => {
    makeProgrammesDesk();
    const user = userEvent.setup({ delay: null });
    renderLookup(<ProgrammeLookup />);
    await user.click(screen.getByRole('tab', { name: '소득 간이 판정' }));
    const form = screen.getByRole('region', { name: '기준 중위소득 간이 판정' });
    expect(within(form).getByText(/참고용 안내이며 수급 여부 결정이 아닙니다/)).toBeInTheDocument();
    const size = within(form).getByLabelText('가구원 수');
    await user.clear(size);
    await user.type(size, '3');
    await user.type(within(form).getByLabelText('월 소득인정액 (원)'), '2000000');
    expect(await within(form).findByText(/5,359,036원\)의 37.3%/)).toBeInTheDocument();
    expect(within(form).getByText(/생계급여 \(중위소득 32%\) 1,714,892원/)).toBeInTheDocument();
    expect(within(form).getAllByText(/기준 이하/)).toHaveLength(3);
    const matches = await within(form).findByRole('list', { name: '해당할 수 있는 프로그램' });
    await waitFor(() => expect(within(matches).getByRole('button', { name: '주거급여(맞춤형 급여)' })).toBeInTheDocument());
    await user.click(within(matches).getByRole('button', { name: '의료급여(본인부담 상한금)' }));
    expect(await screen.findByRole('article', { name: /의료급여/ })).toBeInTheDocument();
  });

  it('explains an impossible household size instead of computing', async () => {
    makeProgrammesDesk();
    const user = userEvent.setup({ delay: null });
    renderLookup(<ProgrammeLookup />);
    await user.click(screen.getByRole('tab', { name: '소득 간이 판정' }));
    const form = screen.getByRole('region', { name: '기준 중위소득 간이 판정' });
    await user.clear(within(form).getByLabelText('가구원 수'));
    await user.type(within(form).getByLabelText('가구원 수'), '25');
    await user.type(within(form).getByLabelText('월 소득인정액 (원)'), '100');
    expect(await within(form).findByText('가구원 수는 20명 이하로 입력하세요')).toBeInTheDocument();
    expect(within(form).queryByText(/중위소득\(/)).not.toBeInTheDocument();
  });

  it('keeps the keyboard selection while the mouse rests over the results; a real move takes over (issue 10 item 12)', async () => {
    makeProgrammesDesk();
    const user = userEvent.setup({ delay: null });
    renderLookup(<ProgrammeLookup />);
    await user.type(searchbox(), '지원');
    const list = await results();
    await waitFor(() => expect(within(list).getAllByRole('option').length).toBeGreaterThan(2));
    await user.keyboard('{ArrowDown}');
    const options = () => within(list).getAllByRole('option');
    await waitFor(() => expect(options()[1]).toHaveAttribute('aria-selected', 'true'));
    // The list rendered under a resting pointer: enter and a synthetic move at the same spot.
    const under = options()[3]!;
    fireEvent.mouseEnter(under);
    fireEvent.mouseOver(under);
    fireEvent.mouseMove(under, { screenX: 200, screenY: 300 });
    fireEvent.mouseMove(under, { screenX: 200, screenY: 300 });
    expect(options()[1]).toHaveAttribute('aria-selected', 'true');
    const chosen = options()[1]!.querySelector('p')!.textContent!;
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 3 })).toHaveTextContent(chosen);
  });

  it('moves the highlight when the pointer really moves over a result', async () => {
    makeProgrammesDesk();
    const user = userEvent.setup({ delay: null });
    renderLookup(<ProgrammeLookup />);
    await user.type(searchbox(), '지원');
    const list = await results();
    await waitFor(() => expect(within(list).getAllByRole('option').length).toBeGreaterThan(2));
    const third = within(list).getAllByRole('option')[2]!;
    fireEvent.mouseMove(third, { screenX: 200, screenY: 300 });
    fireEvent.mouseMove(third, { screenX: 204, screenY: 302 });
    await waitFor(() => expect(within(list).getAllByRole('option')[2]).toHaveAttribute('aria-selected', 'true'));
  });
});
