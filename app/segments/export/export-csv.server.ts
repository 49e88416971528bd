/**
 * Streams a segment's members as CSV without holding them in memory: a ReadableStream that,
 * on each pull, reads the next page of memberships by keyset (customer id > last seen, in id
 * order) and the matching customers with their facts, all through `forShop`.
 */
import { LIVE_CUSTOMER } from "~/db/shop-scope.server";
import type { Db } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";
import { memberCsvHeaderLine, memberCsvLine } from "./export-csv";
import { findSegment } from "../segment-repository.server";

export const EXPORT_PAGE_SIZE = 1_000;
const IN_LIST_CHUNK = 500;

/**
 * The segment's name and a CSV stream of its members (header, then one chunk per page of
 * `pageSize`), or null when the segment is not in the shop. Deleted and redacted customers
 * are left out.
 */
export async function exportSegmentCsv(
  db: Db,
  shop: string,
  segmentId: string,
  pageSize = EXPORT_PAGE_SIZE,
): Promise<{ name: string; body: ReadableStream<Uint8Array> } | null> {
  const segment = await findSegment(db, shop, segmentId);
  if (!segment) return null;
  const scoped = forShop(db, shop);
  const shopRow = await db.shop.findUnique({ where: { shop }, select: { currency: true } });
  const currency = shopRow?.currency ?? "USD";
  const encoder = new TextEncoder();
  let last = 0;
  let headerSent = false;

  const membersAfter = async (after: number): Promise<number[]> => {
    const page = await scoped.segmentMembership.findMany({
      where: { segmentId, customerId: { gt: after } },
      select: { customerId: true },
      orderBy: { customerId: "asc" },
      take: pageSize,
    });
    return page.map((m) => m.customerId);
  };
  const csvLines = async (ids: number[]): Promise<string> => {
    const customers = [];
    // SQLite's driver adapter refuses statements with more than 999 bound parameters.
    for (let i = 0; i < ids.length; i += IN_LIST_CHUNK) {
      customers.push(
        ...(await scoped.customer.findMany({
          where: { id: { in: ids.slice(i, i + IN_LIST_CHUNK) }, ...LIVE_CUSTOMER },
          select: {
            id: true,
            gid: true,
            firstName: true,
            lastName: true,
            email: true,
            phone: true,
            facts: { select: { amountSpent: true, orderCount: true, lastOrderAt: true } },
          },
          orderBy: { id: "asc" },
        })),
      );
    }
    return customers
      .map((c) =>
        memberCsvLine({
          ...c,
          amountSpent: c.facts?.amountSpent ?? 0n,
          currency,
          orderCount: c.facts?.orderCount ?? 0,
          lastOrderAt: c.facts?.lastOrderAt ?? null,
        }),
      )
      .join("");
  };

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(memberCsvHeaderLine()));
          return;
        }
        // Loop until a page yields a line or the end: a pull that enqueues nothing is not called again.
        for (;;) {
          const ids = await membersAfter(last);
          const text = await csvLines(ids);
          last = ids.at(-1) ?? last;
          const done = ids.length < pageSize;
          if (text) controller.enqueue(encoder.encode(text));
          if (done) controller.close();
          if (text || done) return;
        }
      },
    },
    { highWaterMark: 0 },
  );
  return { name: segment.name, body };
}
