-- Complexity of an inference request on a 1–10 scale, from the input's size (≈ 4 characters per
-- token) and the kind of task. Deterministic and table-free, so it is cheap to call per request.
CREATE OR ALTER FUNCTION [dbo].[fn_CalculateComplexity]
(
    @InputText NVARCHAR(MAX),
    @TaskType NVARCHAR(64)
)
RETURNS INT
AS
BEGIN
    DECLARE @tokens BIGINT = (ISNULL(DATALENGTH(@InputText), 0) / 2 + 3) / 4;
    DECLARE @score INT =
        CASE
            WHEN @tokens <= 64 THEN 1
            WHEN @tokens <= 256 THEN 2
            WHEN @tokens <= 1024 THEN 3
            WHEN @tokens <= 4096 THEN 5
            WHEN @tokens <= 16384 THEN 7
            ELSE 8
        END;

    SET @score += CASE LOWER(ISNULL(@TaskType, N''))
        WHEN N'embedding' THEN 0
        WHEN N'retrieval' THEN 0
        WHEN N'classification' THEN 0
        WHEN N'summarization' THEN 1
        WHEN N'generation' THEN 1
        WHEN N'reasoning' THEN 2
        WHEN N'hypothesis' THEN 2
        ELSE 1
    END;

    RETURN CASE WHEN @score > 10 THEN 10 WHEN @score < 1 THEN 1 ELSE @score END;
END;
