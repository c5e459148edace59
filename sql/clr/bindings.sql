-- SQL CLR bindings of the Hartonomous.Clr assembly, applied by the clr-deploy phase after the
-- assembly exists. Each CREATE FUNCTION / CREATE AGGREGATE sits alone in its batch (a CREATE
-- FUNCTION must be the only statement of its batch). Every EXTERNAL NAME is checked against the
-- built DLL before deploying; `hart-dev clr bindings` prints these statements from the DLL itself.
-- Vectors are float32 little-endian VARBINARY (1536 dimensions = 6,144 bytes).

CREATE FUNCTION dbo.clr_CosineSimilarity(@a VARBINARY(MAX), @b VARBINARY(MAX))
RETURNS FLOAT
AS EXTERNAL NAME [Hartonomous.Clr].[Hartonomous.Clr.VectorFunctions].[CosineSimilarity];
GO

CREATE FUNCTION dbo.clr_DotProduct(@a VARBINARY(MAX), @b VARBINARY(MAX))
RETURNS FLOAT
AS EXTERNAL NAME [Hartonomous.Clr].[Hartonomous.Clr.VectorFunctions].[DotProduct];
GO

CREATE FUNCTION dbo.clr_L2Distance(@a VARBINARY(MAX), @b VARBINARY(MAX))
RETURNS FLOAT
AS EXTERNAL NAME [Hartonomous.Clr].[Hartonomous.Clr.VectorFunctions].[L2Distance];
GO

CREATE FUNCTION dbo.clr_VectorNorm(@v VARBINARY(MAX))
RETURNS FLOAT
AS EXTERNAL NAME [Hartonomous.Clr].[Hartonomous.Clr.VectorFunctions].[VectorNorm];
GO

CREATE AGGREGATE dbo.agg_VectorSum(@v VARBINARY(MAX))
RETURNS VARBINARY(MAX)
EXTERNAL NAME [Hartonomous.Clr].[Hartonomous.Clr.VectorSum];
GO

CREATE AGGREGATE dbo.agg_VectorMean(@v VARBINARY(MAX))
RETURNS VARBINARY(MAX)
EXTERNAL NAME [Hartonomous.Clr].[Hartonomous.Clr.VectorMean];
GO

CREATE AGGREGATE dbo.agg_VectorMax(@v VARBINARY(MAX))
RETURNS VARBINARY(MAX)
EXTERNAL NAME [Hartonomous.Clr].[Hartonomous.Clr.VectorMax];
GO
