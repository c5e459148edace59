-- Quota use of the current calendar month (UTC) per tenant with an active subscription: the gateway
-- reads IsOverQuota before accepting a request. Autonomous requests are the system's own work and do
-- not count against the tenant's quota.
CREATE OR ALTER VIEW [dbo].[vw_TenantUsageCurrentMonth]
AS
SELECT
    t.TenantId,
    t.TenantKey,
    p.PlanCode,
    p.MonthlyRequestQuota,
    p.MonthlyTokenQuota,
    ISNULL(u.RequestCount, 0) AS RequestCount,
    ISNULL(u.TokensUsed, 0) AS TokensUsed,
    p.MonthlyRequestQuota - ISNULL(u.RequestCount, 0) AS RequestsRemaining,
    p.MonthlyTokenQuota - ISNULL(u.TokensUsed, 0) AS TokensRemaining,
    CAST(CASE
        WHEN ISNULL(u.RequestCount, 0) >= p.MonthlyRequestQuota OR ISNULL(u.TokensUsed, 0) >= p.MonthlyTokenQuota THEN 1
        ELSE 0
    END AS BIT) AS IsOverQuota
FROM dbo.Tenants AS t
JOIN dbo.TenantSubscriptions AS s ON s.TenantId = t.TenantId AND s.Status = N'Active'
JOIN dbo.BillingPlans AS p ON p.BillingPlanId = s.BillingPlanId
OUTER APPLY (
    SELECT
        COUNT_BIG(*) AS RequestCount,
        SUM(CAST(r.TokensUsed AS BIGINT)) AS TokensUsed
    FROM dbo.InferenceRequests AS r
    WHERE r.TenantId = t.TenantId
      AND r.IsAutonomous = 0
      AND r.RequestedAt >= DATEFROMPARTS(YEAR(SYSUTCDATETIME()), MONTH(SYSUTCDATETIME()), 1)
) AS u;
