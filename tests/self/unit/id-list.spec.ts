/**
 * Id lists: plain files, CSV files (header variants, quoting), comments, BOM, CRLF, and every refusal
 * with its line number and value; the inline USER_IDS form gets the same validation.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { splitIntoBatches } from '../../../engine/sampling/batches';
import {
  IdListError,
  parseIdList,
  readBatchIds,
  readIdFile,
  splitCsvRecord,
} from '../../../engine/sampling/id-list';
import {
  planSample,
  type SampleMachine,
  type SamplePlan,
  shardsOf,
  spreadSample,
  workerLimits,
} from '../../../engine/sampling/sample-plan';

let dir = '';
let fileCount = 0;

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'id-list-'));
});
test.afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeIds(text: string | Buffer): string {
  const file = join(dir, `ids-${++fileCount}.txt`);
  writeFileSync(file, text);
  return file;
}

async function readAll(path: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const id of readIdFile(path)) ids.push(id);
  return ids;
}

async function refusal(path: string): Promise<IdListError> {
  try {
    await readAll(path);
  } catch (error) {
    if (error instanceof IdListError) return error;
    throw error;
  }
  throw new Error(`${path} was accepted`);
}

const HOSTILE_BUT_VALID = [
  'a/b',
  'what?x=1',
  'frag#ment',
  '100%',
  '%2F',
  'with space',
  'Zoë 東京 🦄',
  '...',
  '.hidden',
  'a..b',
  '%2e%2e%2e',
  'x'.repeat(2000),
];

const accepted: { name: string; text: string | Buffer; ids: string[] }[] = [
  { name: 'one id per line', text: 'u1\nu2\nu3\n', ids: ['u1', 'u2', 'u3'] },
  { name: 'no final line break', text: 'u1\nu2', ids: ['u1', 'u2'] },
  {
    name: 'blank lines, comments and surrounding whitespace',
    text: '# users of staging\n\n  u1  \n\t\n   # indented comment\nu2\t\n',
    ids: ['u1', 'u2'],
  },
  { name: 'CRLF line ends', text: 'u1\r\nu2\r\n\r\nu3\r\n', ids: ['u1', 'u2', 'u3'] },
  {
    name: 'a UTF-8 BOM',
    text: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('u1\nu2\n')]),
    ids: ['u1', 'u2'],
  },
  { name: 'hostile but valid ids', text: `${HOSTILE_BUT_VALID.join('\n')}\n`, ids: HOSTILE_BUT_VALID },
  { name: 'a comma after the first line is part of an id', text: 'u1\na,b\n', ids: ['u1', 'a,b'] },
  { name: 'CSV with header id', text: 'id,name\nu1,Ann\nu2,Bob\n', ids: ['u1', 'u2'] },
  {
    name: 'CSV with header user_id in 2nd column',
    text: 'name,user_id\nAnn,u1\nBob,u2\n',
    ids: ['u1', 'u2'],
  },
  { name: 'CSV with header userId, any case', text: 'EMAIL,USERID\na@x,u1\n', ids: ['u1'] },
  { name: 'CSV with header uuid', text: 'Uuid, created\n7f0c, 2024\n', ids: ['7f0c'] },
  { name: 'CSV with one column, header alone on its line', text: 'user_id\nu1\nu2\n', ids: ['u1', 'u2'] },
  {
    name: 'CSV with BOM, CRLF, comments and blank lines',
    text: '\uFEFF# export\r\nid,name\r\n\r\nu1,Ann\r\n# skipped\r\nu2,Bob\r\n',
    ids: ['u1', 'u2'],
  },
  {
    name: 'CSV quoted fields with commas, quotes and kept spaces',
    text: 'name,id\n"Doe, John","a,b"\n"Ann ""The"" Best", "say ""hi"""\n"x"," padded "\n',
    ids: ['a,b', 'say "hi"', ' padded '],
  },
  { name: 'CSV unquoted fields are trimmed', text: 'id , name\n  u1  , Ann\n', ids: ['u1'] },
  { name: 'CSV quoted id starting with #', text: 'id,n\n"#tag",1\n', ids: ['#tag'] },
];

for (const { name, text, ids } of accepted) {
  test(`readIdFile accepts ${name}`, async () => {
    expect(await readAll(writeIds(text))).toEqual(ids);
  });
}

const refused: {
  name: string;
  text: string;
  line: number | undefined;
  value: string | undefined;
  message: RegExp;
}[] = [
  {
    name: 'a duplicate',
    text: 'u1\nu2\n\nu1\n',
    line: 4,
    value: 'u1',
    message: /line 4: duplicate id "u1" \(first on line 1\)/,
  },
  {
    name: 'a duplicate only after trimming',
    text: '# c\nu1\n  u1\n',
    line: 3,
    value: 'u1',
    message: /line 3: duplicate id "u1" \(first on line 2\)/,
  },
  {
    name: '"."',
    text: 'u1\n.\n',
    line: 2,
    value: '.',
    message: /line 2: id "\." cannot be one URL path segment/,
  },
  {
    name: '".."',
    text: '..\n',
    line: 1,
    value: '..',
    message: /line 1: id "\.\." cannot be one URL path segment/,
  },
  { name: '"%2e%2e"', text: 'u1\n%2e%2e\n', line: 2, value: '%2e%2e', message: /line 2: id "%2e%2e"/ },
  { name: '"%2E"', text: '%2E\n', line: 1, value: '%2E', message: /"%2E" cannot be one URL path segment/ },
  { name: '".%2E"', text: 'u1\n.%2E\n', line: 2, value: '.%2E', message: /line 2: id "\.%2E"/ },
  { name: 'an empty file', text: '', line: undefined, value: undefined, message: /: no ids/ },
  {
    name: 'only comments and blanks',
    text: '# none\n\n  \n',
    line: undefined,
    value: undefined,
    message: /: no ids/,
  },
  {
    name: 'a CSV header alone',
    text: 'id,name\n# nothing\n',
    line: undefined,
    value: undefined,
    message: /: no ids/,
  },
  {
    name: 'a CSV header without an id column',
    text: '# export\nname,email\nAnn,a@x\n',
    line: 2,
    value: 'name,email',
    message:
      /line 2: CSV header "name,email" names no id column; expected exactly one of: id, user_id, userId, uuid/,
  },
  {
    name: 'a CSV header with two id columns',
    text: 'id,uuid\n1,u1\n',
    line: 1,
    value: 'id,uuid',
    message: /names several id columns \(id, uuid\)/,
  },
  {
    name: 'a CSV duplicate',
    text: 'id,n\nu1,a\nu2,b\nu1,c\n',
    line: 4,
    value: 'u1',
    message: /line 4: duplicate id "u1" \(first on line 2\)/,
  },
  { name: 'a CSV ".."', text: 'n,id\na,u1\nb,..\n', line: 3, value: '..', message: /line 3: id "\.\."/ },
  {
    name: 'a CSV row without the id column',
    text: 'n,id\na\n',
    line: 2,
    value: 'a',
    message: /line 2: 1 field\(s\), no id column 2/,
  },
  { name: 'a CSV empty id', text: 'id,n\n,a\n', line: 2, value: '', message: /line 2: empty id/ },
  {
    name: 'a CSV unclosed quote',
    text: 'id,n\n"u1,a\n',
    line: 2,
    value: '"u1,a',
    message: /line 2: unclosed quoted field/,
  },
  {
    name: 'CSV text after a quote',
    text: 'id,n\n"u1"x,a\n',
    line: 2,
    value: '"u1"x,a',
    message: /line 2: text after a closing quote/,
  },
];

for (const { name, text, line, value, message } of refused) {
  test(`readIdFile refuses ${name}`, async () => {
    const path = writeIds(text);
    const error = await refusal(path);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(path)).toBe(true);
    expect({ source: error.source, line: error.line, value: error.value }).toEqual({
      source: path,
      line,
      value,
    });
  });
}

test('readIdFile refuses a missing file with its path and the reason', async () => {
  const path = join(dir, 'does-not-exist.txt');
  const error = await refusal(path);
  expect(error.message).toBe(`${path}: cannot be read (ENOENT)`);
});

test('readIdFile yields ids before the file is read to its end (streaming)', async () => {
  const path = writeIds(`${Array.from({ length: 50_000 }, (_, i) => `user-${i}`).join('\n')}\n..\n`);
  const first: string[] = [];
  // The dot segment on the last line is only found if the whole file is read; stopping early must
  // not reach it, and must close the file (the generator's finally).
  for await (const id of readIdFile(path)) {
    first.push(id);
    if (first.length === 3) break;
  }
  expect(first).toEqual(['user-0', 'user-1', 'user-2']);
  expect((await refusal(path)).line).toBe(50_001);
});

test('splitCsvRecord follows RFC 4180 quoting', () => {
  expect(splitCsvRecord('a,"b,c","d""e",,"" ')).toEqual(['a', 'b,c', 'd"e', '', '']);
  expect(splitCsvRecord('a,')).toEqual(['a', '']);
  expect(splitCsvRecord('a"b')).toEqual({ error: 'a quote inside an unquoted field' });
});

const inlineAccepted: { text: string; ids: string[] }[] = [
  { text: 'u1', ids: ['u1'] },
  { text: ' u1 , u2,u3 ', ids: ['u1', 'u2', 'u3'] },
  { text: 'u1,,u2,', ids: ['u1', 'u2'] },
  { text: 'u1\nu2\r\nu3', ids: ['u1', 'u2', 'u3'] },
  {
    text: 'a/b, c?d, e#f, 100%, with space, Zoë 🦄, ...',
    ids: ['a/b', 'c?d', 'e#f', '100%', 'with space', 'Zoë 🦄', '...'],
  },
];

for (const { text, ids } of inlineAccepted) {
  test(`parseIdList accepts ${JSON.stringify(text)}`, () => {
    expect(parseIdList(text)).toEqual(ids);
  });
}

const inlineRefused: { text: string; line: number | undefined; message: string }[] = [
  { text: 'u1,u2,u1', line: 3, message: 'USER_IDS entry 3: duplicate id "u1" (first on entry 1)' },
  { text: 'u1, ..', line: 2, message: 'USER_IDS entry 2: id ".." cannot be one URL path segment' },
  { text: '%2E%2e', line: 1, message: 'USER_IDS entry 1: id "%2E%2e" cannot be one URL path segment' },
  { text: '', line: undefined, message: 'USER_IDS: no ids' },
  { text: ' , ,', line: undefined, message: 'USER_IDS: no ids' },
];

for (const { text, line, message } of inlineRefused) {
  test(`parseIdList refuses ${JSON.stringify(text)}`, () => {
    let error: unknown;
    try {
      parseIdList(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IdListError);
    expect((error as IdListError).message.startsWith(message)).toBe(true);
    expect((error as IdListError).line).toBe(line);
  });
}

async function idsOfBatch(plan: SamplePlan, index: number): Promise<string[]> {
  const ids: string[] = [];
  for await (const chunk of readBatchIds(plan.idsFile, plan.offsets[index] ?? 0, plan.offsets[index + 1]))
    ids.push(...chunk);
  return ids;
}

const machine = (overrides: Partial<SampleMachine>): SampleMachine => ({
  concurrency: 4,
  ratePerSecond: undefined,
  workers: 2,
  projects: 1,
  shards: 1,
  ...overrides,
});

for (const layout of [machine({}), machine({ concurrency: 64, workers: 4 }), machine({ shards: 3 })]) {
  test(`readBatchIds reads exactly the ids of each planned batch (${layout.concurrency} in flight, ${layout.workers} workers, ${layout.shards} shards), across read windows and multi-byte characters`, async () => {
    // 2,000-character ids and multi-byte characters put window edges (64 KiB) inside ids and characters.
    const ids = Array.from({ length: 300 }, (_, i) =>
      i % 3 === 0 ? `${'é東'.repeat(333)}-${i}` : i % 3 === 1 ? `u/${i}?#% ${'x'.repeat(i * 7)}` : `${i}`,
    );
    const plan = planSample(ids, layout);
    const batches = splitIntoBatches(plan.total, plan.batchSize);
    expect(batches).toHaveLength(spreadSample(layout).batches);
    const read: string[] = [];
    for (const batch of batches) {
      const got = await idsOfBatch(plan, batch.index);
      expect(got).toHaveLength(batch.end - batch.start);
      read.push(...got);
    }
    expect(read).toEqual(ids);
  });
}

test('a contract samples on one worker up to 16 in flight, one batch per sampling worker, 16+ batches when sharded', () => {
  // One contract, 4 in flight: one worker takes all 4 lanes; the whole list is one batch (no restarts).
  expect(spreadSample(machine({}))).toEqual({
    workersPerProject: 1,
    concurrency: 4,
    ratePerSecond: undefined,
    batches: 1,
  });
  // Five contracts on two workers: two sample at once, each with half the machine's lanes and rate.
  expect(spreadSample(machine({ projects: 5, ratePerSecond: 10 }))).toEqual({
    workersPerProject: 1,
    concurrency: 2,
    ratePerSecond: 5,
    batches: 1,
  });
  // 40 in flight need three workers' worth of lanes; the machine has two.
  expect(spreadSample(machine({ concurrency: 40 }))).toMatchObject({
    workersPerProject: 2,
    concurrency: 20,
    batches: 2,
  });
  expect(spreadSample(machine({ concurrency: 40, workers: 8 }))).toMatchObject({
    workersPerProject: 3,
    concurrency: 13,
    batches: 3,
  });
  expect(spreadSample(machine({ shards: 2 })).batches).toBe(16);
  expect(spreadSample(machine({ shards: 8 })).batches).toBe(32);
  // Never fewer than one lane per sampling worker.
  expect(spreadSample(machine({ concurrency: 1, projects: 5 })).concurrency).toBe(1);
});

test('readBatchIds: a last line without a newline, an id longer than a read window, an empty range', async () => {
  const file = join(dir, 'batch-ids.txt');
  const long = `${'é'.repeat(40_000)}-long`; // 80 KB: longer than the 64 KiB window
  writeFileSync(file, `first\n${long}\nlast-without-newline`);
  const read = async (start: number, end: number | undefined) => {
    const ids: string[] = [];
    for await (const chunk of readBatchIds(file, start, end)) ids.push(...chunk);
    return ids;
  };
  expect(await read(0, undefined)).toEqual(['first', long, 'last-without-newline']);
  expect(await read(6, undefined)).toEqual([long, 'last-without-newline']);
  expect(await read(6, 6 + Buffer.byteLength(long) + 1)).toEqual([long]);
  expect(await read(0, 0)).toEqual([]);
});

test("a worker's lanes and rate: the machine's, shared by the contracts that sample at once (served ones, after discovery)", () => {
  const plan = planSample(['a', 'b', 'c'], machine({ projects: 5, ratePerSecond: 10 }));
  expect(workerLimits(plan)).toEqual({ concurrency: 2, ratePerSecond: 5 });
  // Discovery found one contract served: its worker takes every lane and the whole rate.
  expect(workerLimits(plan, 1)).toEqual({ concurrency: 4, ratePerSecond: 10 });
  expect(workerLimits(plan, 0)).toEqual({ concurrency: 4, ratePerSecond: 10 });
  expect(spreadSample(plan.machine).workersPerProject).toBe(1);
});

test('shardsOf reads n of --shard=i/n or --shard i/n, else 1', () => {
  expect(shardsOf(['node', 'playwright', 'test', '--shard=2/5'])).toBe(5);
  expect(shardsOf(['node', 'playwright', 'test', '--shard', '1/3', '--project', 'credira'])).toBe(3);
  expect(shardsOf(['node', 'playwright', 'test'])).toBe(1);
  expect(shardsOf(['--shard=oops'])).toBe(1);
});
