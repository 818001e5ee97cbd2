import { parseLines } from './parse.js';
import { type Entry, isNewsHeading, type ParseWarning, type Section } from '../core/list.js';

/**
 * The survey list, parsed without loss.
 *
 * Promises: `Catalogue.parse(text).render() === text`, byte for byte, for any text (the lines are
 * kept verbatim with their own line endings; entries and sections are derived from them).
 * `insertLine` / `removeLine` return a new Catalogue whose rendering differs from this one by
 * exactly one line, so an approval is a one-line diff a reviewer can trust.
 * Instances are immutable: edits return a new Catalogue and leave this one valid.
 */
export class Catalogue {
  readonly entries: readonly Entry[];
  readonly sections: readonly Section[];
  readonly warnings: readonly ParseWarning[];

  private constructor(private readonly lines: readonly string[]) {
    const parsed = parseLines(lines);
    this.entries = parsed.entries;
    this.sections = parsed.sections;
    this.warnings = parsed.warnings;
  }

  /** Parses survey markdown. Never throws: unknown rows become generic entries with a warning. */
  static parse(text: string): Catalogue {
    // Split after each newline so every line keeps its own terminator (\n or \r\n, or none at EOF).
    return new Catalogue(text === '' ? [] : text.split(/(?<=\n)/));
  }

  /** The markdown, exactly as parsed (plus any one-line edits made through this API). */
  render(): string {
    return this.lines.join('');
  }

  /** The text of a 1-based line, without its terminator. */
  lineText(line: number): string | undefined {
    return this.lines[line - 1]?.replace(/\r?\n$/, '');
  }

  /** The file's line ending: CRLF if its first line uses it, else LF. */
  get eol(): string {
    return this.lines[0]?.endsWith('\r\n') ? '\r\n' : '\n';
  }

  /** A copy with `text` (one line, no newline) inserted after 1-based line `after` (0 = at the top). */
  insertLine(after: number, text: string): Catalogue {
    if (/[\r\n]/.test(text)) throw new Error('catalogue: an inserted line must not contain a line break');
    if (!Number.isInteger(after) || after < 0 || after > this.lines.length) {
      throw new Error(`catalogue: cannot insert after line ${after}; the list has ${this.lines.length} lines`);
    }
    const lines = [...this.lines];
    const prev = lines[after - 1];
    if (prev !== undefined && !prev.endsWith('\n')) {
      // Inserting after an unterminated last line: terminate it, leave the new last line unterminated.
      lines[after - 1] = prev + this.eol;
      lines.splice(after, 0, text);
    } else {
      lines.splice(after, 0, text + this.eol);
    }
    return new Catalogue(lines);
  }

  /** A copy without 1-based line `line`. */
  removeLine(line: number): Catalogue {
    if (!Number.isInteger(line) || line < 1 || line > this.lines.length) {
      throw new Error(`catalogue: there is no line ${line}; the list has ${this.lines.length} lines`);
    }
    const lines = [...this.lines];
    lines.splice(line - 1, 1);
    return new Catalogue(lines);
  }

  /** The section with exactly this heading path. */
  sectionByPath(path: readonly string[]): Section | undefined {
    return this.sections.find((s) => s.path.length === path.length && s.path.every((p, i) => p === path[i]));
  }

  /** Entries under a section path (including its sub-sections). */
  entriesUnder(path: readonly string[]): Entry[] {
    return this.entries.filter((e) => path.every((p, i) => e.section[i] === p));
  }

  /** Topical paper sections: headings with a paper table, outside the News block. */
  paperSections(): Section[] {
    return this.sections.filter((s) => s.table?.kind === 'paper' && !s.path.some(isNewsHeading));
  }
}

/** Parses survey markdown (see {@link Catalogue}). */
export function parseSurvey(text: string): Catalogue {
  return Catalogue.parse(text);
}
