using System;
using System.IO;

namespace Hartonomous.Clr
{
    /// <summary>How an element-wise aggregate folds a new vector into its running values.</summary>
    internal enum Elementwise
    {
        Sum,
        Max,
    }

    /// <summary>
    /// The running state shared by the vector aggregates: a row count and one double per dimension,
    /// folded element-wise (sum or max). Serialization (Format.UserDefined) layout: int64 row count,
    /// int32 dimension (-1 before the first non-NULL row), then one double per dimension. 1536
    /// dimensions take 8 + 4 + 12,288 bytes, beyond the 8,000 a positive MaxByteSize allows, hence
    /// MaxByteSize = -1 (up to 2 GB, SQL Server 2008 and later). No static mutable state (SAFE).
    /// </summary>
    internal sealed class AggregateState
    {
        private const int NoVector = -1;

        private readonly Elementwise fold;
        private readonly string name;

        /// <summary>null until the first non-NULL row.</summary>
        internal double[] Values;
        internal long Count;

        internal AggregateState(Elementwise fold, string name)
        {
            this.fold = fold;
            this.name = name;
        }

        /// <summary>Folds one row in; a NULL row (x == null) is ignored.</summary>
        internal void Add(float[] x)
        {
            if (x == null) return;
            if (Values == null)
            {
                Values = new double[x.Length];
                for (int i = 0; i < x.Length; i++) Values[i] = x[i];
            }
            else
            {
                VectorBytes.RequireSameLength(Values.Length, x.Length, name);
                if (fold == Elementwise.Sum) for (int i = 0; i < x.Length; i++) Values[i] += x[i];
                else for (int i = 0; i < x.Length; i++) if (x[i] > Values[i]) Values[i] = x[i];
            }
            Count++;
        }

        /// <summary>Folds in the state of another group (parallel plans call Merge).</summary>
        internal void Merge(AggregateState other)
        {
            if (other == null || other.Values == null) return;
            if (Values == null)
            {
                Values = (double[])other.Values.Clone();
            }
            else
            {
                VectorBytes.RequireSameLength(Values.Length, other.Values.Length, name);
                if (fold == Elementwise.Sum) for (int i = 0; i < Values.Length; i++) Values[i] += other.Values[i];
                else for (int i = 0; i < Values.Length; i++) if (other.Values[i] > Values[i]) Values[i] = other.Values[i];
            }
            Count += other.Count;
        }

        internal void Write(BinaryWriter writer)
        {
            writer.Write(Count);
            if (Values == null)
            {
                writer.Write(NoVector);
                return;
            }
            writer.Write(Values.Length);
            for (int i = 0; i < Values.Length; i++) writer.Write(Values[i]);
        }

        internal void Read(BinaryReader reader)
        {
            Count = reader.ReadInt64();
            int length = reader.ReadInt32();
            if (length == NoVector)
            {
                Values = null;
                return;
            }
            if (length < 0) throw new InvalidDataException("Aggregate state has a negative dimension: " + length + ".");
            Values = new double[length];
            for (int i = 0; i < length; i++) Values[i] = reader.ReadDouble();
        }
    }
}
