import { maskPersonName } from '../../../../common/privacy/index.js';
import { LOCKED_NOTIFICATION, guardNotifications } from '../../../../electron/services/privacy/notification-guard.js';
import { recordingWindow } from '../fixtures.js';

describe('notifications on a shared screen', () => {
  it('masks names: 김하늘 -> 김*늘, two syllables keep the first, Latin names keep initials', () => {
    expect(maskPersonName('김하늘')).toBe('김*늘');
    expect(maskPersonName('이순')).toBe('이*');
    expect(maskPersonName('남궁민수')).toBe('남**수');
    expect(maskPersonName('Kim Haneul')).toBe('K** H*****');
    expect(maskPersonName('  ')).toBeNull();
    expect(maskPersonName(null)).toBeNull();
  });

  it('while locked every notification says only "새 메시지가 있습니다"', () => {
    const w = recordingWindow();
    let locked = false;
    const guarded = guardNotifications(w, () => locked);
    guarded.notify({ title: '김*늘 님', body: '새 메시지가 있습니다', silent: false });
    locked = true;
    guarded.notify({ title: '김*늘 님', body: '사진을 보냈습니다', silent: true });
    expect(w.notes[0]!.title).toBe('김*늘 님');
    expect(w.notes[1]).toMatchObject({ ...LOCKED_NOTIFICATION, silent: true });
    expect(LOCKED_NOTIFICATION.body).toBe('새 메시지가 있습니다');
  });
});
