import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatKoreanPhone } from '../../common/phone/index.js';
import { DEMO_CONVERSATIONS } from '../../server/seed/demo-data.js';

/**
 * Looking for citizen data left in plain text on the workstation (issue 13): every demo citizen's
 * name and phone, in every spelling a file could hold them, and the files that hold any of them.
 */
export function demoCitizenNeedles(): string[] {
  const out = new Set<string>();
  for (const c of DEMO_CONVERSATIONS) {
    if (c.citizenName) out.add(c.citizenName);
    if (c.citizenPhone) {
      out.add(c.citizenPhone);
      out.add(formatKoreanPhone(c.citizenPhone));
    }
  }
  return [...out];
}

/** Every file under `dir` (recursively) holding a needle as UTF-8 or UTF-16LE bytes: "file: needle (encoding)". */
export async function filesContaining(dir: string, needles: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const f of await readdir(dir, { recursive: true })) {
    const path = join(dir, f);
    if (!(await stat(path)).isFile()) continue;
    const bytes = await readFile(path);
    for (const n of needles) {
      for (const enc of ['utf8', 'utf16le'] as const) if (bytes.includes(Buffer.from(n, enc))) hits.push(`${f}: ${n} (${enc})`);
    }
  }
  return hits;
}
