/**
 * The discount codes a run creates, behind a port: production calls the Admin API
 * (discounts.server.ts), tests and the simulator use a fake. `userErrors` come back as values so
 * the step can record and show them; transient failures throw (the tick job retries).
 */
import type { StepDiscount } from "./steps";

export interface NewStepCode {
  shop: string;
  code: string;
  title: string;
  discount: StepDiscount;
  /** The only customer who may use it. */
  customerGid: string;
  startsAt: Date;
  endsAt: Date;
  currency: string;
}

export type CodeResult = { ok: true; gid: string } | { ok: false; errors: string[] };

export interface DiscountIssuer {
  create(code: NewStepCode): Promise<CodeResult>;
  /** Deactivates a code an earlier step created (a later step's code replaces it). */
  deactivate(shop: string, gid: string): Promise<CodeResult>;
}

/** Records what it is asked; codes are refused when `refuse` returns errors. */
export class FakeDiscountIssuer implements DiscountIssuer {
  readonly created: NewStepCode[] = [];
  readonly deactivated: string[] = [];
  constructor(private readonly refuse: (code: NewStepCode) => string[] = () => []) {}
  async create(code: NewStepCode): Promise<CodeResult> {
    const errors = this.refuse(code);
    if (errors.length > 0) return { ok: false, errors };
    this.created.push(code);
    return { ok: true, gid: `gid://shopify/DiscountCodeNode/${this.created.length}` };
  }
  async deactivate(_shop: string, gid: string): Promise<CodeResult> {
    this.deactivated.push(gid);
    return { ok: true, gid };
  }
}
