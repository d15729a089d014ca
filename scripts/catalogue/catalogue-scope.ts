/** The demo catalogue's local scope: Seoul city-wide services and the 금천구 set. */
export const DEMO_DISTRICT = '금천구';
export function isDemoRegion(region: { sido: string; sigungu: string }): boolean {
  return region.sido === '서울특별시' && (region.sigungu === '' || region.sigungu === DEMO_DISTRICT);
}
