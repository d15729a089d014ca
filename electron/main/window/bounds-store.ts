import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EMPTY_BOUNDS_STATE, WindowBoundsState } from './bounds.js';

/**
 * The window's remembered bounds, as a small JSON file in the user data folder. Writes are
 * debounced (a drag fires dozens of move events) and atomic (write + rename), and a damaged file
 * only costs the remembered position, never the start-up.
 */
export class BoundsStore {
  private state: WindowBoundsState = EMPTY_BOUNDS_STATE;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly debounceMs = 400,
  ) {}

  async load(): Promise<WindowBoundsState> {
    try {
      const parsed = WindowBoundsState.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
      this.state = parsed.success ? parsed.data : EMPTY_BOUNDS_STATE;
      if (!parsed.success) console.warn(`[bokji-desk] ignoring unreadable window bounds in ${this.file}`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') console.warn(`[bokji-desk] cannot read ${this.file}: ${String(err)}`);
      this.state = EMPTY_BOUNDS_STATE;
    }
    return this.state;
  }

  get current(): WindowBoundsState {
    return this.state;
  }

  /** Replaces the state and schedules a write. */
  update(next: WindowBoundsState): void {
    this.state = next;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.write();
    }, this.debounceMs);
  }

  /** Writes a pending change now (on quit). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      await this.write();
    }
    await this.writing;
  }

  private write(): Promise<void> {
    const snapshot = JSON.stringify(this.state);
    this.writing = this.writing.then(async () => {
      try {
        await mkdir(dirname(this.file), { recursive: true });
        const tmp = `${this.file}.${process.pid}.tmp`;
        await writeFile(tmp, snapshot, 'utf8');
        await rename(tmp, this.file);
      } catch (err) {
        console.warn(`[bokji-desk] cannot save window bounds: ${String(err)}`);
      }
    });
    return this.writing;
  }
}
