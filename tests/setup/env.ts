// Test environment: the values app/env.server.ts needs, before any module reads them.
process.env.SHOPIFY_API_KEY ??= "test-api-key";
process.env.SHOPIFY_API_SECRET ??= "test-api-secret";
process.env.SHOPIFY_APP_URL ??= "https://flock.test";
process.env.SCOPES ??= "read_customers,write_customers,read_orders";
process.env.FLOCK_ENCRYPTION_KEY ??= "1111111111111111111111111111111111111111111111111111111111111111";
process.env.DATABASE_URL ??= "file:./prisma/test-unused.sqlite";
process.env.NODE_ENV = "test";
