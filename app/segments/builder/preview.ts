// What the editor's preview route answers (pure types, shared by the server function and the table).
import type { MemberRow } from "../segment-rows";

export type PreviewProblem = { ok: false; reason: string; message: string; line?: number; column?: number; filters?: string[] };

export type PreviewResult = { ok: true; rows: MemberRow[]; page: number; hasNext: boolean; count: number; currency: string } | PreviewProblem;
