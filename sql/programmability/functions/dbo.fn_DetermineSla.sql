-- The SLA tier a request gets: the tier of the tenant's current plan (an active subscription first,
-- then a trial), 'batch' without one. Very complex work (≥ 9) is never promised realtime.
CREATE OR ALTER FUNCTION [dbo].[fn_DetermineSla]
(
    @TenantId INT,
    @Complexity INT
)
RETURNS NVARCHAR(16)
AS
BEGIN
    DECLARE @now DATETIME2(3) = SYSUTCDATETIME();
    DECLARE @tier NVARCHAR(16);

    SELECT TOP (1) @tier = p.SlaTier
    FROM dbo.TenantSubscriptions AS s
    JOIN dbo.BillingPlans AS p ON p.BillingPlanId = s.BillingPlanId
    WHERE s.TenantId = @TenantId
      AND s.Status IN (N'Active', N'Trial')
      AND p.IsActive = 1
      AND s.StartsAt <= @now
      AND (s.EndsAt IS NULL OR s.EndsAt > @now)
    ORDER BY CASE s.Status WHEN N'Active' THEN 0 ELSE 1 END, s.StartsAt DESC;

    IF @tier IS NULL
        RETURN N'batch';
    IF @tier = N'realtime' AND @Complexity >= 9
        RETURN N'standard';
    RETURN @tier;
END;
