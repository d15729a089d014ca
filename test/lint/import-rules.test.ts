import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** DESIGN.md §1's import rules, checked against the project's real eslint.config.js. */
const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import rules (DESIGN.md §1)', () => {
  it.each([
    ['renderer/inbox/x.tsx', "import { openStore } from '../../electron/services/store/index.js';"],
    ['renderer/inbox/x.tsx', "import { ipcRenderer } from 'electron';"],
    ['renderer/inbox/x.tsx', "import { readFile } from 'node:fs';"],
    ['renderer/app/x.ts', "import { buildServer } from '../../server/app.js';"],
    ['renderer/calls/x.tsx', "import { kstDateTime } from '../../common/kst/index.js';"],
    ['renderer/calls/list/x.tsx', "import { readFile } from 'node:fs';"],
    ['common/search/x.ts', "import { x } from '../../server/app.js';"],
    ['common/search/x.ts', "import { readFile } from 'node:fs';"],
    ['electron/services/x.ts', "import { app } from 'electron';"],
    ['electron/services/sync/x.ts', "import { x } from '../../main/index.js';"],
    ['electron/preload/x.ts', "import { x } from '../services/host.js';"],
    ['electron/main/x.ts', "import { x } from '../../server/app.js';"],
    ['server/routes/x.ts', "import { x } from '../../electron/services/host.js';"],
    ['server/routes/x.ts', "import { x } from '../../renderer/app/workspace-bus.js';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport const y = x;\n`)).not.toEqual([]);
  });

  it.each([
    ['renderer/inbox/x.tsx', "import { Conversation } from '../../common/domain/index.js';"],
    ['renderer/calls/x.tsx', "import { kstDateTime } from '../app/time.js';"],
    ['renderer/app/time.ts', "import { kstDate } from '../../common/kst/index.js';"],
    ['electron/services/x.ts', "import { Conversation } from '../../common/domain/index.js';"],
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['electron/preload/x.ts', "import { contextBridge } from 'electron';"],
    ['server/routes/x.ts', "import { Conversation } from '../../common/domain/index.js';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport const y = [x];\n`)).toEqual([]);
  });
});
