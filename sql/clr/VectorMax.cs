using System;
using System.Data.SqlTypes;
using System.IO;
using Microsoft.SqlServer.Server;

namespace Hartonomous.Clr
{
    /// <summary>Element-wise maximum of float32 vectors. NULL rows are ignored; no non-NULL row → NULL.</summary>
    [Serializable]
    [SqlUserDefinedAggregate(Format.UserDefined, Name = "agg_VectorMax", MaxByteSize = -1,
        IsInvariantToNulls = true, IsInvariantToDuplicates = true, IsInvariantToOrder = true, IsNullIfEmpty = true)]
    public sealed class VectorMax : IBinarySerialize
    {
        private double[] max;
        private long count;

        public void Init()
        {
            max = null;
            count = 0;
        }

        public void Accumulate(SqlBytes v)
        {
            float[] x = VectorBytes.Read(v, "v");
            if (x == null) return;
            if (max == null)
            {
                max = new double[x.Length];
                for (int i = 0; i < x.Length; i++) max[i] = x[i];
            }
            else
            {
                VectorBytes.RequireSameLength(max.Length, x.Length, "agg_VectorMax");
                for (int i = 0; i < x.Length; i++) if (x[i] > max[i]) max[i] = x[i];
            }
            count++;
        }

        public void Merge(VectorMax other)
        {
            if (other == null || other.max == null) return;
            if (max == null)
            {
                max = (double[])other.max.Clone();
            }
            else
            {
                VectorBytes.RequireSameLength(max.Length, other.max.Length, "agg_VectorMax");
                for (int i = 0; i < max.Length; i++) if (other.max[i] > max[i]) max[i] = other.max[i];
            }
            count += other.count;
        }

        public SqlBytes Terminate()
        {
            if (max == null) return SqlBytes.Null;
            return VectorBytes.Write(max);
        }

        public void Read(BinaryReader r)
        {
            max = AggregateState.Read(r, out count);
        }

        public void Write(BinaryWriter w)
        {
            AggregateState.Write(w, count, max);
        }
    }
}
