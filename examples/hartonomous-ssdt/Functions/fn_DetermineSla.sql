CREATE FUNCTION [dbo].[fn_DetermineSla] (@TenantId INT)
RETURNS NVARCHAR (16)
AS
BEGIN
    DECLARE @tier NVARCHAR (16);
    SELECT TOP (1) @tier = bp.[SlaTier]
    FROM [dbo].[TenantSubscriptions] AS ts
    INNER JOIN [dbo].[BillingPlans] AS bp ON bp.[BillingPlanId] = ts.[BillingPlanId]
    WHERE ts.[TenantId] = @TenantId AND ts.[EndsAt] IS NULL
    ORDER BY ts.[StartsAt] DESC;
    RETURN ISNULL(@tier, N'batch');
END
GO
