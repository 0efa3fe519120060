/** Writes the report files. The only module here, besides the reporter, that touches the disk. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConformanceReport } from './model';

export async function writeReport(dir: string, model: ConformanceReport, html: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all([
    writeFile(path.join(dir, 'index.html'), html, 'utf8'),
    writeFile(path.join(dir, 'conformance.json'), `${JSON.stringify(model, null, 2)}\n`, 'utf8'),
  ]);
}
