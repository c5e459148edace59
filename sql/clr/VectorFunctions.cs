using System;
using System.Data.SqlTypes;
using Microsoft.SqlServer.Server;

namespace Hartonomous.Clr
{
    /// <summary>
    /// Scalar vector functions. NULL in → NULL out; vectors of different dimensions raise an error
    /// (a silent NULL would hide a query that compares embeddings of different models).
    /// Sums run in double so that 1536 products do not lose float32 precision.
    /// </summary>
    public static class VectorFunctions
    {
        [SqlFunction(Name = "clr_CosineSimilarity", IsDeterministic = true, IsPrecise = false,
            DataAccess = DataAccessKind.None, SystemDataAccess = SystemDataAccessKind.None)]
        public static SqlDouble CosineSimilarity(SqlBytes a, SqlBytes b)
        {
            float[] x = VectorBytes.Read(a, "a");
            float[] y = VectorBytes.Read(b, "b");
            if (x == null || y == null) return SqlDouble.Null;
            VectorBytes.RequireSameLength(x.Length, y.Length, "clr_CosineSimilarity");
            double dot = 0, xx = 0, yy = 0;
            for (int i = 0; i < x.Length; i++)
            {
                dot += (double)x[i] * y[i];
                xx += (double)x[i] * x[i];
                yy += (double)y[i] * y[i];
            }
            // The angle to a zero vector is undefined.
            if (xx == 0 || yy == 0) return SqlDouble.Null;
            return new SqlDouble(dot / (Math.Sqrt(xx) * Math.Sqrt(yy)));
        }

        [SqlFunction(Name = "clr_DotProduct", IsDeterministic = true, IsPrecise = false,
            DataAccess = DataAccessKind.None, SystemDataAccess = SystemDataAccessKind.None)]
        public static SqlDouble DotProduct(SqlBytes a, SqlBytes b)
        {
            float[] x = VectorBytes.Read(a, "a");
            float[] y = VectorBytes.Read(b, "b");
            if (x == null || y == null) return SqlDouble.Null;
            VectorBytes.RequireSameLength(x.Length, y.Length, "clr_DotProduct");
            double dot = 0;
            for (int i = 0; i < x.Length; i++) dot += (double)x[i] * y[i];
            return new SqlDouble(dot);
        }

        [SqlFunction(Name = "clr_L2Distance", IsDeterministic = true, IsPrecise = false,
            DataAccess = DataAccessKind.None, SystemDataAccess = SystemDataAccessKind.None)]
        public static SqlDouble L2Distance(SqlBytes a, SqlBytes b)
        {
            float[] x = VectorBytes.Read(a, "a");
            float[] y = VectorBytes.Read(b, "b");
            if (x == null || y == null) return SqlDouble.Null;
            VectorBytes.RequireSameLength(x.Length, y.Length, "clr_L2Distance");
            double sum = 0;
            for (int i = 0; i < x.Length; i++)
            {
                double d = (double)x[i] - y[i];
                sum += d * d;
            }
            return new SqlDouble(Math.Sqrt(sum));
        }

        [SqlFunction(Name = "clr_VectorNorm", IsDeterministic = true, IsPrecise = false,
            DataAccess = DataAccessKind.None, SystemDataAccess = SystemDataAccessKind.None)]
        public static SqlDouble VectorNorm(SqlBytes v)
        {
            float[] x = VectorBytes.Read(v, "v");
            if (x == null) return SqlDouble.Null;
            double sum = 0;
            for (int i = 0; i < x.Length; i++) sum += (double)x[i] * x[i];
            return new SqlDouble(Math.Sqrt(sum));
        }
    }
}
