/**
 * Builds `FactsColumns` row by row (pure). Customers come first and get positions
 * in arrival order; child rows (purchases, orders, …) may arrive in any order and
 * are grouped per customer by a counting sort in `finish()`, so a loader can
 * stream each table once without asking the database to sort.
 */
import { Bitset } from "./bitset";
import { codeOf, emptyDictionary, orderSourceKey, stateCode, type Codes, type FactsColumns, type Money } from "./columns";
import { ACCOUNT_STATES, MARKETING_STATES, type CustomerRecord, type PurchaseLineFact } from "./facts";
import { f64, i32, u32, u8, type Column, type Ctor, type Growable } from "./growable";
import { PurchaseLines } from "./purchase-columns";

/** One customer's single-valued facts: the record without its lists. */
export type CustomerScalars = Omit<CustomerRecord, "tags" | "purchases" | "orders" | "checkouts" | "messages" | "segmentIds">;

/** Rows of one child family: the owning position plus one growable per field. */
class Family<F extends string> {
  readonly owner = i32();
  constructor(readonly fields: Record<F, Growable<Column>>) {}
  push(position: number, values: Record<F, number>): void {
    this.owner.push(position);
    for (const key of Object.keys(this.fields) as F[]) this.fields[key].push(values[key]);
  }
  /** CSR offsets and the fields permuted so each customer's rows are contiguous (stable). */
  group(n: number): { offsets: Int32Array; fields: Record<F, Column> } {
    const owners = this.owner.done();
    const offsets = new Int32Array(n + 1);
    for (const o of owners) offsets[o + 1] = (offsets[o + 1] ?? 0) + 1;
    for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i + 1] ?? 0) + (offsets[i] ?? 0);
    const cursor = offsets.slice(0, n);
    const order = new Int32Array(owners.length);
    for (let r = 0; r < owners.length; r++) {
      const o = owners[r] ?? 0;
      order[cursor[o] ?? 0] = r;
      cursor[o] = (cursor[o] ?? 0) + 1;
    }
    const fields = {} as Record<F, Column>;
    for (const key of Object.keys(this.fields) as F[]) {
      const src = this.fields[key].data;
      const dst = new (src.constructor as Ctor)(owners.length);
      for (let r = 0; r < order.length; r++) dst[r] = src[order[r] ?? 0] ?? 0;
      fields[key] = dst;
      this.fields[key].data = new (src.constructor as Ctor)(0) as never;
    }
    return { offsets, fields };
  }
}

function narrowCodes(a: Int32Array, dictSize: number): Codes {
  return dictSize < 32_767 ? Int16Array.from(a) : a;
}

function narrowMoney(a: Column): Money {
  for (const v of a) if (!Number.isInteger(v) || v < -2_147_483_648 || v > 2_147_483_647) return Float64Array.from(a);
  return Int32Array.from(a);
}

export class ColumnsBuilder {
  private readonly ids = i32();
  private readonly amountSpent = f64();
  private readonly orderCount = i32();
  private readonly aov = f64();
  private readonly createdAt = u32();
  private readonly firstOrderAt = u32();
  private readonly lastOrderAt = u32();
  private readonly lastAbandonedAt = u32();
  private readonly accountState = u8();
  private readonly emailState = u8();
  private readonly smsState = u8();
  private readonly emailDomain = i32();
  private readonly language = i32();
  private readonly country = i32();
  private readonly region = i32();
  private readonly city = i32();
  readonly dicts = {
    emailDomain: emptyDictionary(),
    language: emptyDictionary(),
    country: emptyDictionary(),
    region: emptyDictionary(),
    city: emptyDictionary(),
    tag: emptyDictionary(),
    campaign: emptyDictionary(),
    channel: emptyDictionary(),
    event: emptyDictionary(),
    orderSource: emptyDictionary(),
  };
  private readonly tags = new Family({ tag: i32() });
  private readonly purchases = new PurchaseLines();
  private readonly orders = new Family({ at: u32(), amount: f64(), source: i32() });
  private readonly checkouts = new Family({ at: u32(), amount: f64(), recovered: u8() });
  private readonly messages = new Family({ channel: i32(), event: i32(), campaign: i32(), at: u32() });
  /** Each segment's member positions, 4 bytes each (10M memberships: 40 MB, not 10M tuples). */
  private readonly memberships = new Map<string, { positions: Int32Array; length: number }>();
  private readonly deleted: number[] = [];

  constructor(private readonly productCount: number) {}

  get size(): number {
    return this.ids.length;
  }

  /** Adds a customer; returns its position. */
  addCustomer(c: CustomerScalars): number {
    const position = this.ids.length;
    this.ids.push(c.id);
    this.amountSpent.push(c.amountSpent);
    this.orderCount.push(c.orderCount);
    this.aov.push(c.averageOrderValue ?? Number.NaN);
    this.createdAt.push(c.createdAt);
    this.firstOrderAt.push(c.firstOrderAt ?? 0);
    this.lastOrderAt.push(c.lastOrderAt ?? 0);
    this.lastAbandonedAt.push(c.lastAbandonedAt ?? 0);
    this.accountState.push(stateCode(ACCOUNT_STATES, c.accountState));
    this.emailState.push(stateCode(MARKETING_STATES, c.emailState));
    this.smsState.push(stateCode(MARKETING_STATES, c.smsState));
    this.emailDomain.push(codeOf(this.dicts.emailDomain, c.emailDomain));
    this.language.push(codeOf(this.dicts.language, c.language));
    this.country.push(codeOf(this.dicts.country, c.country));
    this.region.push(codeOf(this.dicts.region, c.region));
    this.city.push(codeOf(this.dicts.city, c.city));
    return position;
  }

  /** Overwrites the scalar facts of a position (CustomerFacts arriving after the customer row). */
  setFacts(
    p: number,
    f: Pick<CustomerScalars, "amountSpent" | "orderCount" | "averageOrderValue" | "firstOrderAt" | "lastOrderAt" | "lastAbandonedAt">,
  ): void {
    this.amountSpent.set(p, f.amountSpent);
    this.orderCount.set(p, f.orderCount);
    this.aov.set(p, f.averageOrderValue ?? Number.NaN);
    this.firstOrderAt.set(p, f.firstOrderAt ?? 0);
    this.lastOrderAt.set(p, f.lastOrderAt ?? 0);
    this.lastAbandonedAt.set(p, f.lastAbandonedAt ?? 0);
  }

  markDeleted(p: number): void {
    this.deleted.push(p);
  }

  addTag(p: number, tag: string): void {
    this.tags.push(p, { tag: codeOf(this.dicts.tag, tag.toLowerCase()) });
  }

  /** A line item (lines of one order and product become one purchase). */
  addPurchaseLine(p: number, r: PurchaseLineFact): void {
    this.purchases.addLine(p, r.product, r.order, r.at, r.quantity);
  }

  /** A purchase that is already whole (records). */
  addPurchase(p: number, r: CustomerRecord["purchases"][number]): void {
    this.purchases.addPurchase(p, r);
  }

  addOrder(p: number, r: CustomerRecord["orders"][number]): void {
    this.orders.push(p, { at: r.at, amount: r.amount, source: codeOf(this.dicts.orderSource, orderSourceKey(r)) });
  }

  addCheckout(p: number, r: CustomerRecord["checkouts"][number]): void {
    this.checkouts.push(p, { at: r.at, amount: r.amount, recovered: r.recovered ? 1 : 0 });
  }

  addMessage(p: number, r: CustomerRecord["messages"][number]): void {
    this.messages.push(p, {
      channel: codeOf(this.dicts.channel, r.channel),
      event: codeOf(this.dicts.event, r.event),
      campaign: codeOf(this.dicts.campaign, r.campaignId),
      at: r.at,
    });
  }

  addMembership(p: number, segmentId: string): void {
    let members = this.memberships.get(segmentId);
    if (!members) this.memberships.set(segmentId, (members = { positions: new Int32Array(256), length: 0 }));
    if (members.length === members.positions.length) {
      const grown = new Int32Array(members.positions.length * 2);
      grown.set(members.positions);
      members.positions = grown;
    }
    members.positions[members.length++] = p;
  }

  /** Adds a whole record (tests and incremental appends). */
  addRecord(r: CustomerRecord): number {
    const p = this.addCustomer(r);
    for (const t of r.tags) this.addTag(p, t);
    for (const x of r.purchases) this.addPurchase(p, x);
    for (const x of r.orders) this.addOrder(p, x);
    for (const x of r.checkouts) this.addCheckout(p, x);
    for (const x of r.messages) this.addMessage(p, x);
    for (const s of r.segmentIds) this.addMembership(p, s);
    return p;
  }

  finish(): FactsColumns {
    const n = this.ids.length;
    const live = Bitset.full(n);
    for (const p of this.deleted) live.delete(p);
    const segments = new Map<string, Bitset>();
    for (const [id, { positions, length }] of this.memberships) {
      const members = new Bitset(n);
      for (let i = 0; i < length; i++) members.add(positions[i] as number);
      segments.set(id, members);
    }
    const tags = this.tags.group(n);
    const purchases = this.purchases.finish(n, this.productCount);
    const orders = this.orders.group(n);
    const checkouts = this.checkouts.group(n);
    const messages = this.messages.group(n);
    return {
      n,
      customerIds: this.ids.done(),
      live,
      amountSpent: narrowMoney(this.amountSpent.done()),
      orderCount: this.orderCount.done(),
      averageOrderValue: this.aov.done(),
      createdAt: this.createdAt.done(),
      firstOrderAt: this.firstOrderAt.done(),
      lastOrderAt: this.lastOrderAt.done(),
      lastAbandonedAt: this.lastAbandonedAt.done(),
      accountState: this.accountState.done(),
      emailState: this.emailState.done(),
      smsState: this.smsState.done(),
      emailDomain: narrowCodes(this.emailDomain.done(), this.dicts.emailDomain.values.length),
      language: narrowCodes(this.language.done(), this.dicts.language.values.length),
      country: narrowCodes(this.country.done(), this.dicts.country.values.length),
      region: narrowCodes(this.region.done(), this.dicts.region.values.length),
      city: narrowCodes(this.city.done(), this.dicts.city.values.length),
      dicts: this.dicts,
      tags: { offsets: tags.offsets, tag: tags.fields.tag as Int32Array },
      purchases,
      orders: {
        offsets: orders.offsets,
        at: orders.fields.at as Uint32Array,
        amount: narrowMoney(orders.fields.amount),
        source: narrowCodes(orders.fields.source as Int32Array, this.dicts.orderSource.values.length),
      },
      checkouts: {
        offsets: checkouts.offsets,
        at: checkouts.fields.at as Uint32Array,
        amount: narrowMoney(checkouts.fields.amount),
        recovered: checkouts.fields.recovered as Uint8Array,
      },
      messages: {
        offsets: messages.offsets,
        channel: messages.fields.channel as Int32Array,
        event: messages.fields.event as Int32Array,
        campaign: messages.fields.campaign as Int32Array,
        at: messages.fields.at as Uint32Array,
      },
      tagMembers: new Map(),
      segments,
    };
  }
}

/** Columns for a list of records (tests, small shops). */
export function buildColumns(records: readonly CustomerRecord[], productCount: number): FactsColumns {
  const b = new ColumnsBuilder(productCount);
  for (const r of records) b.addRecord(r);
  return b.finish();
}
