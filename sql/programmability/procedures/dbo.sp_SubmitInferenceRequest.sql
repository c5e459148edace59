-- Accepts an inference request: computes its complexity, SLA tier and expected response time with
-- the fn_* functions, refuses it when the tenant is over its monthly quota, and queues it.
CREATE OR ALTER PROCEDURE [dbo].[sp_SubmitInferenceRequest]
    @TenantId INT,
    @TaskType NVARCHAR(64),
    @InputText NVARCHAR(MAX),
    @ModelName NVARCHAR(128) = NULL,
    @Priority INT = 0,
    @InferenceRequestId BIGINT = NULL OUTPUT,
    @RequestGuid UNIQUEIDENTIFIER = NULL OUTPUT
AS
BEGIN
    SET NOCOUNT ON;
    SET XACT_ABORT ON;

    IF @TaskType IS NULL OR LEN(@TaskType) = 0
        THROW 50021, N'sp_SubmitInferenceRequest: @TaskType is required.', 1;
    IF NOT EXISTS (SELECT 1 FROM dbo.Tenants WHERE TenantId = @TenantId AND IsActive = 1)
        THROW 50022, N'sp_SubmitInferenceRequest: @TenantId names no active tenant.', 1;
    IF EXISTS (SELECT 1 FROM dbo.vw_TenantUsageCurrentMonth AS u WHERE u.TenantId = @TenantId AND u.IsOverQuota = 1)
        THROW 50023, N'sp_SubmitInferenceRequest: the tenant has used its monthly quota.', 1;

    DECLARE @complexity INT = dbo.fn_CalculateComplexity(@InputText, @TaskType);
    DECLARE @sla NVARCHAR(16) = dbo.fn_DetermineSla(@TenantId, @complexity);
    DECLARE @estimateMs INT = dbo.fn_EstimateResponseTime(@complexity, @sla, @ModelName);
    DECLARE @created TABLE (InferenceRequestId BIGINT NOT NULL, RequestGuid UNIQUEIDENTIFIER NOT NULL);

    INSERT INTO dbo.InferenceRequests
        (TenantId, TaskType, ModelName, InputText, InputHash, Complexity, SlaTier, EstimatedResponseMs, Priority)
    OUTPUT inserted.InferenceRequestId, inserted.RequestGuid INTO @created (InferenceRequestId, RequestGuid)
    VALUES
        (@TenantId, @TaskType, @ModelName, @InputText,
         CASE WHEN @InputText IS NULL THEN NULL ELSE HASHBYTES('SHA2_256', @InputText) END,
         @complexity, @sla, @estimateMs, ISNULL(@Priority, 0));

    SELECT @InferenceRequestId = c.InferenceRequestId, @RequestGuid = c.RequestGuid FROM @created AS c;
END;
