import { readFile, stat } from 'node:fs/promises';

/**
 * Revoked tokens, from a file an operator edits: one `jti` or token SHA-256 (hex) a line, `#` starts
 * a comment. The file is looked at again at most every `refreshMs` (one stat, and a read only when it
 * changed), so a revoked token is refused within that time even when its verification is cached.
 * A missing file revokes nothing; an unreadable one keeps the last list read.
 */
export class RevocationList {
  private revoked = new Set<string>();
  private version = '';
  private checkedAt = -Infinity;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly file: string,
    private readonly refreshMs: number,
  ) {}

  /** Whether any of these names is revoked. */
  async names(names: readonly string[]): Promise<boolean> {
    if (performance.now() - this.checkedAt >= this.refreshMs) await (this.refreshing ??= this.refresh());
    return names.some((name) => this.revoked.has(name));
  }

  private async refresh(): Promise<void> {
    try {
      const info = await stat(this.file).catch(() => undefined);
      const version = info ? `${info.mtimeMs}:${info.size}` : 'absent';
      if (version !== this.version) {
        const text = info ? await readFile(this.file, 'utf8') : '';
        this.revoked = new Set(
          text
            .split('\n')
            .map((line) => line.replace(/#.*/, '').trim())
            .filter(Boolean),
        );
        this.version = version;
      }
    } catch {
      // Kept as it was: a file being rewritten is read on the next look.
    } finally {
      this.checkedAt = performance.now();
      this.refreshing = undefined;
    }
  }
}
