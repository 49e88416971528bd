// RFC 6902 JSON Patch (the operations our contract overlays use: test, add, replace, remove),
// applied to a copy of a vendor spec at load time so the copied file stays byte-for-byte.
export type JsonPatchOperation = { op: "test" | "add" | "replace"; path: string; value: unknown } | { op: "remove"; path: string };

function pointer(path: string): string[] {
  if (!path.startsWith("/")) throw new Error(`JSON pointer ${path} must start with /`);
  return path
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === "object" && value !== null;
}

/** Returns a patched deep copy; throws naming the operation when a path is missing or a test fails. */
export function applyJsonPatch<T>(document: T, operations: readonly JsonPatchOperation[]): T {
  const copy = structuredClone(document) as unknown;
  operations.forEach((operation, index) => {
    const parts = pointer(operation.path);
    const last = parts.pop();
    let parent: unknown = copy;
    for (const part of parts) {
      parent = isContainer(parent) ? (parent as Record<string, unknown>)[part] : undefined;
    }
    if (!isContainer(parent) || last === undefined)
      throw new Error(`JSON patch #${index} (${operation.op} ${operation.path}): parent path not found`);
    const target = parent as Record<string, unknown>;
    switch (operation.op) {
      case "test":
        if (JSON.stringify(target[last]) !== JSON.stringify(operation.value)) {
          throw new Error(`JSON patch #${index} test failed at ${operation.path}: found ${JSON.stringify(target[last])}`);
        }
        break;
      case "add":
        if (Array.isArray(parent) && last === "-") parent.push(operation.value);
        else target[last] = operation.value;
        break;
      case "replace":
        if (!(last in target)) throw new Error(`JSON patch #${index} replace: ${operation.path} not found`);
        target[last] = operation.value;
        break;
      case "remove":
        if (!(last in target)) throw new Error(`JSON patch #${index} remove: ${operation.path} not found`);
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete target[last];
        break;
    }
  });
  return copy as T;
}
