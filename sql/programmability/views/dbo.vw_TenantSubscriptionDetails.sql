-- Each tenant with its current subscription and the plan's quotas and SLA tier (tenants without an
-- active or trial subscription appear with NULL plan columns).
CREATE OR ALTER VIEW [dbo].[vw_TenantSubscriptionDetails]
AS
SELECT
    t.TenantId,
    t.TenantKey,
    t.Name AS TenantName,
    t.IsActive AS TenantIsActive,
    s.SubscriptionId,
    s.Status AS SubscriptionStatus,
    s.StartsAt,
    s.EndsAt,
    p.PlanCode,
    p.Name AS PlanName,
    p.MonthlyPriceUsd,
    p.MonthlyRequestQuota,
    p.MonthlyTokenQuota,
    p.MaxAtoms,
    p.RequestsPerMinute,
    p.SlaTier
FROM dbo.Tenants AS t
LEFT JOIN dbo.TenantSubscriptions AS s
    ON s.TenantId = t.TenantId AND s.Status IN (N'Active', N'Trial')
LEFT JOIN dbo.BillingPlans AS p ON p.BillingPlanId = s.BillingPlanId;
