/*
 Post-deployment script: runs after the model is deployed, on every deployment, so each statement
 leaves the data as it finds it when run again.
*/
:r .\Seed\BillingPlans.sql

IF NOT EXISTS (SELECT 1 FROM [dbo].[Tenants] WHERE [TenantKey] = N'$(DefaultTenantKey)')
    INSERT INTO [dbo].[Tenants] ([TenantKey], [Name]) VALUES (N'$(DefaultTenantKey)', N'Default tenant');
GO
