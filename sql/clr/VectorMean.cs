using System;
using System.Data.SqlTypes;
using System.IO;
using Microsoft.SqlServer.Server;

namespace Hartonomous.Clr
{
    /// <summary>Element-wise mean (the centroid) of float32 vectors. NULL rows are ignored; no non-NULL row → NULL.</summary>
    [Serializable]
    [SqlUserDefinedAggregate(Format.UserDefined, Name = "agg_VectorMean", MaxByteSize = -1,
        IsInvariantToNulls = true, IsInvariantToDuplicates = false, IsInvariantToOrder = true, IsNullIfEmpty = true)]
    public sealed class VectorMean : IBinarySerialize
    {
        private double[] sum;
        private long count;

        public void Init()
        {
            sum = null;
            count = 0;
        }

        public void Accumulate(SqlBytes v)
        {
            float[] x = VectorBytes.Read(v, "v");
            if (x == null) return;
            if (sum == null) sum = new double[x.Length];
            VectorBytes.RequireSameLength(sum.Length, x.Length, "agg_VectorMean");
            for (int i = 0; i < x.Length; i++) sum[i] += x[i];
            count++;
        }

        public void Merge(VectorMean other)
        {
            if (other == null || other.sum == null) return;
            if (sum == null) sum = new double[other.sum.Length];
            VectorBytes.RequireSameLength(sum.Length, other.sum.Length, "agg_VectorMean");
            for (int i = 0; i < sum.Length; i++) sum[i] += other.sum[i];
            count += other.count;
        }

        public SqlBytes Terminate()
        {
            if (sum == null || count == 0) return SqlBytes.Null;
            double[] mean = new double[sum.Length];
            for (int i = 0; i < sum.Length; i++) mean[i] = sum[i] / count;
            return VectorBytes.Write(mean);
        }

        public void Read(BinaryReader r)
        {
            sum = AggregateState.Read(r, out count);
        }

        public void Write(BinaryWriter w)
        {
            AggregateState.Write(w, count, sum);
        }
    }
}
