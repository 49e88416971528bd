// Typed failures of the Admin GraphQL client. Expected outcomes a caller can act on
// (`userErrors`) are their own class; transient ones carry `retryable` so the job runner can
// retry them (STYLE: errors).

export interface AdminUserError {
  field?: readonly string[] | null;
  message: string;
  code?: string | null;
}

/** A mutation answered with `userErrors`: the input was refused, retrying will not help. */
export class AdminUserErrorsError extends Error {
  readonly retryable = false;
  constructor(
    readonly operation: string,
    readonly userErrors: readonly AdminUserError[],
  ) {
    super(
      `${operation} refused: ${userErrors.map((e) => `${e.field?.join(".") ?? "input"}: ${e.message}${e.code ? ` (${e.code})` : ""}`).join("; ")}`,
    );
    this.name = "AdminUserErrorsError";
  }
}

/** Top-level GraphQL `errors`, an HTTP failure, or an answer without `data`. */
export class AdminGraphqlError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly errors: readonly unknown[] = [],
  ) {
    super(message);
    this.name = "AdminGraphqlError";
  }
}

/** Still throttled (or failing transiently) after every retry. */
export class AdminRetriesExhaustedError extends Error {
  readonly retryable = true;
  constructor(
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(`Admin API request failed after ${attempts} attempts: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
    this.name = "AdminRetriesExhaustedError";
  }
}
