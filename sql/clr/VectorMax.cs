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
        private AggregateState state;

        public void Init()
        {
            state = new AggregateState(Elementwise.Max, "agg_VectorMax");
        }

        public void Accumulate(SqlBytes v)
        {
            state.Add(VectorBytes.Read(v, "v"));
        }

        public void Merge(VectorMax other)
        {
            if (other != null) state.Merge(other.state);
        }

        public SqlBytes Terminate()
        {
            return state.Values == null ? SqlBytes.Null : VectorBytes.Write(state.Values);
        }

        // SQL Server may deserialize into an instance on which Init was never called.
        public void Read(BinaryReader r)
        {
            state = new AggregateState(Elementwise.Max, "agg_VectorMax");
            state.Read(r);
        }

        public void Write(BinaryWriter w)
        {
            state.Write(w);
        }
    }
}
