/** Writes the report files. The only module here, besides the reporter, that touches the disk. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConformanceReport } from './model';

export interface WrittenReport {
  htmlPath: string;
  jsonPath: string;
}

export async function writeReport(
  dir: string,
  model: ConformanceReport,
  html: string,
): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true });
  const htmlPath = path.join(dir, 'index.html');
  const jsonPath = path.join(dir, 'conformance.json');
  await Promise.all([
    writeFile(htmlPath, html, 'utf8'),
    writeFile(jsonPath, `${JSON.stringify(model, null, 2)}\n`, 'utf8'),
  ]);
  return { htmlPath, jsonPath };
}
