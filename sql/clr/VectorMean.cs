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
        private AggregateState state;

        public void Init()
        {
            state = new AggregateState(Elementwise.Sum, "agg_VectorMean");
        }

        public void Accumulate(SqlBytes v)
        {
            state.Add(VectorBytes.Read(v, "v"));
        }

        public void Merge(VectorMean other)
        {
            if (other != null) state.Merge(other.state);
        }

        public SqlBytes Terminate()
        {
            if (state.Values == null || state.Count == 0) return SqlBytes.Null;
            double[] mean = new double[state.Values.Length];
            for (int i = 0; i < mean.Length; i++) mean[i] = state.Values[i] / state.Count;
            return VectorBytes.Write(mean);
        }

        // SQL Server may deserialize into an instance on which Init was never called.
        public void Read(BinaryReader r)
        {
            state = new AggregateState(Elementwise.Sum, "agg_VectorMean");
            state.Read(r);
        }

        public void Write(BinaryWriter w)
        {
            state.Write(w);
        }
    }
}
