import {
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/**
 * Stored recordings on disk, like Asterisk's /var/spool/asterisk/recording: `<name>.<format>`.
 * Names may contain sub-folders (`2026/call-1`) but never leave the folder.
 */
export class RecordingStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
    mkdirSync(this.dir, { recursive: true });
  }

  static isValidName(name: string): boolean {
    return (
      /^[A-Za-z0-9._/-]{1,200}$/.test(name) &&
      !name.split('/').some((part) => part === '' || part === '.' || part === '..')
    );
  }

  private fileFor(name: string, format: string): string {
    if (!RecordingStore.isValidName(name)) throw new Error(`invalid recording name: ${name}`);
    const file = resolve(this.dir, `${name}.${format}`);
    if (relative(this.dir, file).startsWith('..'))
      throw new Error(`invalid recording name: ${name}`);
    return file;
  }

  list(): { name: string; format: string }[] {
    const out: { name: string; format: string }[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const full = join(folder, entry.name);
        if (entry.isDirectory()) walk(full);
        else {
          const rel = relative(this.dir, full).split(sep).join('/');
          const dot = rel.lastIndexOf('.');
          if (dot > 0) out.push({ name: rel.slice(0, dot), format: rel.slice(dot + 1) });
        }
      }
    };
    walk(this.dir);
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  find(name: string): { name: string; format: string } | undefined {
    if (!RecordingStore.isValidName(name)) return undefined;
    return this.list().find((r) => r.name === name);
  }

  read(name: string, format: string): Buffer {
    return readFileSync(this.fileFor(name, format));
  }

  write(name: string, format: string, data: Buffer): void {
    const file = this.fileFor(name, format);
    mkdirSync(resolve(file, '..'), { recursive: true });
    writeFileSync(file, data);
  }

  exists(name: string, format: string): boolean {
    return RecordingStore.isValidName(name) && existsSync(this.fileFor(name, format));
  }

  size(name: string, format: string): number {
    return statSync(this.fileFor(name, format)).size;
  }

  remove(name: string, format: string): void {
    rmSync(this.fileFor(name, format), { force: true });
  }
}
