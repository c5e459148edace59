CREATE TABLE [dbo].[TenantSubscriptions] (
    [TenantSubscriptionId] INT           IDENTITY (1, 1) NOT NULL,
    [TenantId]             INT           NOT NULL,
    [BillingPlanId]        INT           NOT NULL,
    [StartsAt]             DATETIME2 (3) NOT NULL,
    [EndsAt]               DATETIME2 (3) NULL,
    CONSTRAINT [PK_TenantSubscriptions] PRIMARY KEY CLUSTERED ([TenantSubscriptionId]),
    CONSTRAINT [FK_TenantSubscriptions_Tenants] FOREIGN KEY ([TenantId]) REFERENCES [dbo].[Tenants] ([TenantId]),
    CONSTRAINT [FK_TenantSubscriptions_BillingPlans] FOREIGN KEY ([BillingPlanId]) REFERENCES [dbo].[BillingPlans] ([BillingPlanId])
);
GO
