CREATE TABLE [dbo].[Tenants] (
    [TenantId]  INT            IDENTITY (1, 1) NOT NULL,
    [TenantKey] NVARCHAR (64)  NOT NULL,
    [Name]      NVARCHAR (200) NOT NULL,
    [IsActive]  BIT            CONSTRAINT [DF_Tenants_IsActive] DEFAULT (CAST(1 AS bit)) NOT NULL,
    [CreatedAt] DATETIME2 (3)  CONSTRAINT [DF_Tenants_CreatedAt] DEFAULT (SYSUTCDATETIME()) NOT NULL,
    CONSTRAINT [PK_Tenants] PRIMARY KEY CLUSTERED ([TenantId]),
    CONSTRAINT [UQ_Tenants_TenantKey] UNIQUE ([TenantKey])
);
GO
