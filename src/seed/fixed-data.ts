// The fixed seed data: the default tenant and the billing plans. This file is the one source of
// truth (seeds/README.md documents it; the Neo4j seed and the SQL seed both read these constants).
// The default tenant's id and GUID never change, so application configuration can name them.

export interface SeedTenant {
  /** Tenants.TenantId (inserted with IDENTITY_INSERT): the natural key of the seed. */
  id: number;
  /** Tenants.TenantKey, unique. */
  key: string;
  /** TenantGuidMapping.TenantGuid: the external (identity-provider) id mapped to TenantId. */
  guid: string;
  name: string;
  /** BillingPlans.PlanCode of the tenant's active subscription. */
  planCode: string;
}

export interface SeedBillingPlan {
  /** BillingPlans.PlanCode: the natural key. */
  code: string;
  name: string;
  /** Monthly price in US cents (BillingPlans.MonthlyPriceUsd DECIMAL(10,2) = cents / 100). */
  monthlyPriceCents: number;
  monthlyRequestQuota: number;
  monthlyTokenQuota: number;
  maxAtoms: number;
  requestsPerMinute: number;
  /** BillingPlans.SlaTier, read by dbo.fn_DetermineSla. */
  slaTier: 'batch' | 'standard' | 'realtime';
}

export const DEFAULT_TENANT: Readonly<SeedTenant> = Object.freeze({
  id: 1,
  key: 'default',
  guid: '00000000-0000-4000-8000-000000000001',
  name: 'Default Tenant',
  planCode: 'enterprise',
});

export const BILLING_PLANS: readonly Readonly<SeedBillingPlan>[] = Object.freeze([
  Object.freeze({
    code: 'free', name: 'Free', monthlyPriceCents: 0,
    monthlyRequestQuota: 1_000, monthlyTokenQuota: 1_000_000, maxAtoms: 10_000, requestsPerMinute: 10, slaTier: 'batch',
  } satisfies SeedBillingPlan),
  Object.freeze({
    code: 'pro', name: 'Pro', monthlyPriceCents: 4_900,
    monthlyRequestQuota: 100_000, monthlyTokenQuota: 50_000_000, maxAtoms: 1_000_000, requestsPerMinute: 120, slaTier: 'standard',
  } satisfies SeedBillingPlan),
  Object.freeze({
    code: 'enterprise', name: 'Enterprise', monthlyPriceCents: 49_900,
    monthlyRequestQuota: 5_000_000, monthlyTokenQuota: 2_000_000_000, maxAtoms: 100_000_000, requestsPerMinute: 3_000, slaTier: 'realtime',
  } satisfies SeedBillingPlan),
]);

/** Where each kind of seed row lands: table, natural key, and how it is written. */
export const SEED_TARGETS = Object.freeze({
  tenant: { table: 'dbo.Tenants', naturalKey: ['TenantId'], via: 'MERGE from VALUES (IDENTITY_INSERT)' },
  tenantGuid: { table: 'dbo.TenantGuidMapping', naturalKey: ['TenantGuid'], via: 'MERGE from VALUES' },
  billingPlans: { table: 'dbo.BillingPlans', naturalKey: ['PlanCode'], via: 'MERGE from VALUES' },
  subscription: { table: 'dbo.TenantSubscriptions', naturalKey: ['TenantId', "Status = 'Active'"], via: 'MERGE from VALUES' },
  atoms: { table: 'dbo.Atoms', naturalKey: ['TenantId', 'AtomKey'], via: 'bulk load into #SeedAtoms, then MERGE' },
  embeddings: { table: 'dbo.AtomEmbeddings', naturalKey: ['AtomId', 'ModelName'], via: 'bulk load into #SeedAtoms, then MERGE' },
} as const);
