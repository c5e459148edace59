MERGE [dbo].[BillingPlans] AS target
USING (VALUES
    (N'free', N'Free', 0.00, 1000, N'batch'),
    (N'pro', N'Pro', 49.00, 100000, N'standard'),
    (N'enterprise', N'Enterprise', 999.00, 10000000, N'realtime')
) AS source ([PlanCode], [Name], [MonthlyPriceUsd], [MonthlyRequestQuota], [SlaTier])
ON target.[PlanCode] = source.[PlanCode]
WHEN MATCHED THEN
    UPDATE SET [Name] = source.[Name], [MonthlyPriceUsd] = source.[MonthlyPriceUsd],
               [MonthlyRequestQuota] = source.[MonthlyRequestQuota], [SlaTier] = source.[SlaTier]
WHEN NOT MATCHED THEN
    INSERT ([PlanCode], [Name], [MonthlyPriceUsd], [MonthlyRequestQuota], [SlaTier])
    VALUES (source.[PlanCode], source.[Name], source.[MonthlyPriceUsd], source.[MonthlyRequestQuota], source.[SlaTier]);
GO
