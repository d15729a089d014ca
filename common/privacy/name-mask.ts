/**
 * A person's name as an OS notification (visible on a shared screen) may show it: the middle
 * hidden (김하늘 -> 김*늘, 이순 -> 이*, 남궁민수 -> 남**수); Latin names keep the first letter
 * of each word (Kim Haneul -> K** H*****).
 */
export function maskPersonName(name: string | null | undefined): string | null {
  const trimmed = (name ?? '').trim();
  if (!trimmed) return null;
  if (/^[\p{Script=Latin}\s.'-]+$/u.test(trimmed)) {
    return trimmed.split(/\s+/).map((w) => (w.length <= 1 ? w : `${w[0]}${'*'.repeat(w.length - 1)}`)).join(' ');
  }
  const chars = [...trimmed.replace(/\s+/g, '')];
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
