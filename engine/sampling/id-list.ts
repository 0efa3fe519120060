/**
 * Lists of user ids to run the suite for: a file (USER_IDS_FILE, streamed line by line) or an inline
 * comma-separated value (USER_IDS). Every id must be usable as one URL path segment once
 * percent-encoded, so `/ ? # % space` and any Unicode are fine; only dot segments are not (a URL
 * resolves `.` and `..` away, whatever their encoding), and duplicates are refused.
 *
 * File format: one id per line; blank lines and lines starting with `#` are ignored; ids are trimmed;
 * a UTF-8 BOM and CRLF line ends are tolerated. When the first non-blank, non-comment line contains a
 * comma, or is just an id column name, the file is a CSV (RFC 4180 quoting, one record per line)
 * whose header names the id column. Unquoted CSV fields are trimmed, quoted ones are kept verbatim.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** Header names accepted for the id column of a CSV file (compared case-insensitively). */
export const ID_COLUMN_NAMES = ['id', 'user_id', 'userId', 'uuid'] as const;

const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

export class IdListError extends Error {
  /** Where the list came from: a file path, or `USER_IDS`. */
  readonly source: string;
  /** 1-based line (file) or entry (inline list); undefined for problems of the whole list. */
  readonly line: number | undefined;
  /** The offending id or header, when there is one. */
  readonly value: string | undefined;

  constructor(source: string, line: number | undefined, value: string | undefined, message: string) {
    super(message);
    this.name = 'IdListError';
    this.source = source;
    this.line = line;
    this.value = value;
  }
}

/** Accepts ids one by one, refusing dot segments and duplicates; `finish` refuses an empty list. */
function createIdCollector(source: string, unit: 'line' | 'entry') {
  const seenAt = new Map<string, number>();
  const where = (position: number) => `${source} ${unit} ${position}`;
  return {
    accept(id: string, position: number): string {
      if (id === '') throw new IdListError(source, position, id, `${where(position)}: empty id`);
      if (DOT_SEGMENT.test(id)) {
        throw new IdListError(
          source,
          position,
          id,
          `${where(position)}: id ${JSON.stringify(id)} cannot be one URL path segment (URLs resolve "." and ".." away, also percent-encoded)`,
        );
      }
      const first = seenAt.get(id);
      if (first !== undefined) {
        throw new IdListError(
          source,
          position,
          id,
          `${where(position)}: duplicate id ${JSON.stringify(id)} (first on ${unit} ${first})`,
        );
      }
      seenAt.set(id, position);
      return id;
    },
    finish(): void {
      if (seenAt.size === 0) {
        throw new IdListError(
          source,
          undefined,
          undefined,
          `${source}: no ids (only blank and # comment lines)`,
        );
      }
    },
  };
}

/**
 * Splits one CSV record (RFC 4180: `"` quotes a field, `""` is a quote inside it). Whitespace around
 * a quoted field is ignored; a record cannot span lines, so an unclosed quote is an error (a string).
 */
export function splitCsvRecord(line: string): string[] | { error: string } {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= line.length) return { error: 'unclosed quoted field' };
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i];
        i++;
      }
      while (line[i] === ' ' || line[i] === '\t') i++;
      if (i < line.length && line[i] !== ',') return { error: 'text after a closing quote' };
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma === -1 ? line.length : comma;
      const raw = line.slice(i, end);
      if (raw.includes('"')) return { error: 'a quote inside an unquoted field' };
      fields.push(raw.trim());
      i = end;
    }
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

const isComment = (trimmed: string) => trimmed.startsWith('#');

/** Column of the id in a CSV header, or an error message naming the header and the accepted names. */
function idColumn(header: string[], headerLine: string): number | string {
  const accepted = new Set(ID_COLUMN_NAMES.map((name) => name.toLowerCase()));
  const matches = header.flatMap((name, column) => (accepted.has(name.toLowerCase()) ? [column] : []));
  const expected = `expected exactly one of: ${ID_COLUMN_NAMES.join(', ')} (case-insensitive)`;
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  const found = matches.map((column) => header[column]).join(', ');
  return matches.length === 0
    ? `CSV header ${JSON.stringify(headerLine)} names no id column; ${expected}`
    : `CSV header ${JSON.stringify(headerLine)} names several id columns (${found}); ${expected}`;
}

/** Turns the lines of a file into ids; a closure so the header state lives between lines. */
function createLineReader(source: string) {
  const collector = createIdCollector(source, 'line');
  let mode: 'unknown' | 'plain' | 'csv' = 'unknown';
  let column = 0;

  const csvFields = (line: string, lineNumber: number): string[] => {
    const fields = splitCsvRecord(line);
    if (Array.isArray(fields)) return fields;
    throw new IdListError(source, lineNumber, line, `${source} line ${lineNumber}: ${fields.error}: ${line}`);
  };

  return {
    /** The id on this line, or undefined for a blank, comment or header line. */
    read(rawLine: string, lineNumber: number): string | undefined {
      const line = lineNumber === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine;
      const trimmed = line.trim();
      if (trimmed === '' || isComment(trimmed)) return undefined;
      if (mode === 'unknown') {
        const isBareHeader = ID_COLUMN_NAMES.some((name) => name.toLowerCase() === trimmed.toLowerCase());
        if (!trimmed.includes(',') && !isBareHeader) {
          mode = 'plain';
        } else {
          const found = idColumn(csvFields(line, lineNumber), trimmed);
          if (typeof found === 'string') {
            throw new IdListError(source, lineNumber, trimmed, `${source} line ${lineNumber}: ${found}`);
          }
          column = found;
          mode = 'csv';
          return undefined;
        }
      }
      if (mode === 'plain') return collector.accept(trimmed, lineNumber);
      const fields = csvFields(line, lineNumber);
      const id = fields[column];
      if (id === undefined) {
        throw new IdListError(
          source,
          lineNumber,
          line,
          `${source} line ${lineNumber}: ${fields.length} field(s), no id column ${column + 1}: ${line}`,
        );
      }
      return collector.accept(id, lineNumber);
    },
    finish: () => collector.finish(),
  };
}

/**
 * Streams the ids of a file, validated as they come (see the module comment for the format). Only the
 * set of ids seen so far is kept, to find duplicates; the file is never read whole.
 * @throws IdListError for a bad line (with its number and value), an empty list or an unreadable file
 */
export async function* readIdFile(path: string): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  const reader = createLineReader(path);
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      const id = reader.read(line, lineNumber);
      if (id !== undefined) yield id;
    }
  } catch (error) {
    if (error instanceof IdListError) throw error;
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new IdListError(path, undefined, undefined, `${path}: cannot be read (${reason})`);
  } finally {
    lines.close();
    stream.destroy();
  }
  reader.finish();
}

/**
 * The ids of an inline list (USER_IDS): separated by commas (or line breaks), trimmed, empty entries
 * skipped, validated like a file's.
 * @throws IdListError for a dot segment or duplicate (with its 1-based entry number) or an empty list
 */
export function parseIdList(text: string, source = 'USER_IDS'): string[] {
  const collector = createIdCollector(source, 'entry');
  const ids: string[] = [];
  text.split(/,|\r?\n|\r/).forEach((entry, index) => {
    const id = entry.trim();
    if (id !== '') ids.push(collector.accept(id, index + 1));
  });
  collector.finish();
  return ids;
}

/**
 * The ids of a file's text, validated like a streamed file (for the configuration check, which must
 * refuse a bad list before any request).
 * @throws IdListError as readIdFile does
 */
export function parseIdFileText(text: string, source: string): string[] {
  const reader = createLineReader(source);
  const ids: string[] = [];
  text.split(/\r?\n|\r/).forEach((line, index) => {
    const id = reader.read(line, index + 1);
    if (id !== undefined) ids.push(id);
  });
  reader.finish();
  return ids;
}

/** Bytes read at a time from the runner's id file: memory per batch stays bounded however long the batch. */
const ID_WINDOW_BYTES = 64 * 1024;

/**
 * The ids of one batch, bytes [start, end) of the runner's one-id-per-line file (end undefined: to the
 * end of the file), in chunks of whatever whole lines a window of bytes holds.
 */
export async function* readBatchIds(
  file: string,
  start: number,
  end: number | undefined,
): AsyncGenerator<string[]> {
  const handle = await open(file, 'r');
  try {
    const limit = end ?? (await handle.stat()).size;
    const window = Buffer.alloc(ID_WINDOW_BYTES);
    let carry = Buffer.alloc(0);
    for (let position = start; position < limit; ) {
      const { bytesRead } = await handle.read(window, 0, Math.min(window.length, limit - position), position);
      if (bytesRead === 0) break;
      position += bytesRead;
      const bytes = Buffer.concat([carry, window.subarray(0, bytesRead)]);
      // A newline byte never occurs inside a multi-byte UTF-8 character: cutting there is safe.
      const lastNewline = bytes.lastIndexOf(0x0a);
      carry = Buffer.from(bytes.subarray(lastNewline + 1));
      if (lastNewline >= 0) yield bytes.subarray(0, lastNewline).toString('utf8').split('\n');
    }
    if (carry.length > 0) yield [carry.toString('utf8')];
  } finally {
    await handle.close();
  }
}
