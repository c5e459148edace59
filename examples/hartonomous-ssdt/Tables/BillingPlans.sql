CREATE TABLE [dbo].[BillingPlans] (
    [BillingPlanId]       INT             IDENTITY (1, 1) NOT NULL,
    [PlanCode]            NVARCHAR (32)   NOT NULL,
    [Name]                NVARCHAR (100)  NOT NULL,
    [MonthlyPriceUsd]     DECIMAL (10, 2) NOT NULL,
    [MonthlyRequestQuota] INT             NOT NULL,
    [SlaTier]             NVARCHAR (16)   NOT NULL,
    CONSTRAINT [PK_BillingPlans] PRIMARY KEY CLUSTERED ([BillingPlanId]),
    CONSTRAINT [UQ_BillingPlans_PlanCode] UNIQUE ([PlanCode]),
    CONSTRAINT [CK_BillingPlans_SlaTier] CHECK ([SlaTier] IN (N'batch', N'standard', N'realtime'))
);
GO
