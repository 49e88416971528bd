/** Liveness: the process is up. Touches nothing else on purpose. */
export const loader = () => Response.json({ status: "ok" });
