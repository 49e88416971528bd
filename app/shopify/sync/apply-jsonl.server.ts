// Applies one bulk operation's JSONL file in batched transactions with a checkpoint.
//
// Since 2026-01 child lines (`__parentId`) need not follow their parent
// (https://shopify.dev/docs/api/usage/bulk-operations/queries#the-jsonl-data-format), so a
// child cannot be joined as it is read. The file on disk is the staging area: pass 1 applies
// parent lines, pass 2 re-reads the file and applies child lines, whose parents are then all
// stored and are joined by GID inside the statement. Memory stays at one batch whatever the
// file size or line order. Progress is a line number over the virtual stream of both passes
// (pass 1 = lines 1…N, pass 2 = N+1…2N); each batch commits its rows and `SyncRun.checkpoint`
// in one transaction, so a killed import resumes after the last committed line; and since
// every statement is an idempotent upsert, even re-applying lines could not duplicate a row.
import { createReadStream } from "node:fs";
import type { Json } from "~/shopify/mappers/fields";
import type { ResourceImport } from "./resources";
import type { SqlRunner, Statement } from "../../db/sql-runner.server";

export interface ApplyJsonlOptions {
  runner: SqlRunner;
  shop: string;
  file: string;
  resource: ResourceImport;
  runId: string;
  /** Virtual line reached by the last committed batch (SyncRun.checkpoint). */
  checkpoint: number;
  /** Objects applied so far (SyncRun.doneCount), carried over on resume. */
  doneCount?: number;
  batchSize?: number;
  /** Called after each committed batch; throwing stops the import (tests use it to "kill" it). */
  onBatch?: (progress: ApplyProgress) => void;
}

export interface ApplyProgress {
  checkpoint: number;
  doneCount: number;
  /** Lines in the file (objects in the export). */
  lines: number;
  /** Child lines whose parent was not in the store. */
  orphans: number;
}

const PARENT_MARK = '"__parentId"';

export async function applyJsonlFile(options: ApplyJsonlOptions): Promise<ApplyProgress> {
  const { runner, shop, file, resource, runId } = options;
  const batchSize = options.batchSize ?? 5_000;
  const passes = resource.child ? 2 : 1;
  const lines = options.checkpoint > 0 && passes === 2 ? await countLines(file) : -1;
  const progress: ApplyProgress = { checkpoint: options.checkpoint, doneCount: options.doneCount ?? 0, lines, orphans: 0 };
  let batch: Statement[] = [];
  let childIndexes: number[] = [];

  const commit = async (reached: number) => {
    const checkpoint: Statement = {
      sql: `UPDATE "SyncRun" SET "checkpoint" = ?, "doneCount" = ? WHERE "id" = ?`,
      params: [reached, progress.doneCount + batch.length, runId],
    };
    const changed = await runner.runBatch([...batch, checkpoint]);
    for (const i of childIndexes) if (changed[i] === 0) progress.orphans += 1;
    progress.doneCount += batch.length;
    progress.checkpoint = reached;
    batch = [];
    childIndexes = [];
    options.onBatch?.(progress);
  };

  let total = lines;
  for (let pass = 1; pass <= passes; pass++) {
    const offset = pass === 1 ? 0 : total;
    if (total >= 0 && progress.checkpoint >= offset + total) continue; // this pass committed already
    const wantChildren = pass === 2;
    const skipThrough = progress.checkpoint - offset;
    let n = 0;
    const keep = passes === 1 ? "all" : wantChildren ? "children" : "parents";
    for await (const chunk of readLineChunks(file, keep)) {
      for (const raw of chunk) {
        n += 1;
        if (n <= skipThrough || raw.length === 0) continue;
        const line = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
        // The reader has already kept only this pass's kind of line.
        const isChild = passes === 2 ? wantChildren : line.includes(PARENT_MARK);
        const json = JSON.parse(line) as Json;
        if (isChild && resource.child) {
          childIndexes.push(batch.length);
          batch.push(resource.child(runner.dialect, shop, json));
        } else {
          batch.push(resource.parent(runner.dialect, shop, json));
        }
        if (batch.length >= batchSize) await commit(offset + n);
      }
    }
    if (pass === 1) total = n;
    progress.lines = total;
    await commit(offset + n);
  }
  return progress;
}

const MARK_BYTES = Buffer.from(PARENT_MARK);

/**
 * The file's lines, a 1 MiB chunk at a time, keeping only children or only parents (or all).
 * readline's per-line regex, decoder and promise cost a third of the import at benchmark
 * scale; here newlines and the `__parentId` mark are found in the raw bytes, and only the
 * lines kept are decoded. Skipped lines come back as "" so line numbers stay exact.
 */
async function* readLineChunks(file: string, keep: "children" | "parents" | "all"): AsyncGenerator<string[]> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const read of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const chunk = rest.length > 0 ? Buffer.concat([rest, read]) : read;
    const lines: string[] = [];
    let start = 0;
    let mark = keep === "all" ? -1 : chunk.indexOf(MARK_BYTES);
    for (let end = chunk.indexOf(10); end !== -1; end = chunk.indexOf(10, start)) {
      while (mark !== -1 && mark < start) mark = chunk.indexOf(MARK_BYTES, mark + 1);
      const isChild = mark !== -1 && mark < end;
      lines.push(keep === "all" || (keep === "children") === isChild ? chunk.toString("utf8", start, end) : "");
      start = end + 1;
    }
    rest = chunk.subarray(start);
    yield lines;
  }
  if (rest.length > 0) yield [rest.toString("utf8")];
}

/** Newline count of a file, read in chunks (resume needs N to place pass 2). */
export async function countLines(file: string): Promise<number> {
  let count = 0;
  let last = 10;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count += 1;
    if (chunk.length > 0) last = chunk[chunk.length - 1] ?? 10;
  }
  return last === 10 ? count : count + 1;
}
