CREATE VIEW [dbo].[vw_TenantSubscriptionDetails]
AS
SELECT t.[TenantId], t.[TenantKey], bp.[PlanCode], bp.[MonthlyPriceUsd], ts.[StartsAt],
       [dbo].[fn_DetermineSla](t.[TenantId]) AS [SlaTier]
FROM [dbo].[Tenants] AS t
INNER JOIN [dbo].[TenantSubscriptions] AS ts ON ts.[TenantId] = t.[TenantId]
INNER JOIN [dbo].[BillingPlans] AS bp ON bp.[BillingPlanId] = ts.[BillingPlanId]
WHERE ts.[EndsAt] IS NULL;
GO
