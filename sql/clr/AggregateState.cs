using System;
using System.IO;

namespace Hartonomous.Clr
{
    /// <summary>
    /// Serialization shared by the vector aggregates (Format.UserDefined). Layout:
    /// int64 row count, int32 dimension (-1 before the first non-NULL row), then one double per
    /// dimension. 1536 dimensions take 8 + 4 + 12,288 bytes, beyond the 8,000 a positive MaxByteSize
    /// allows, hence MaxByteSize = -1 (up to 2 GB, SQL Server 2008 and later).
    /// </summary>
    internal static class AggregateState
    {
        internal const int NoVector = -1;

        internal static void Write(BinaryWriter writer, long count, double[] values)
        {
            writer.Write(count);
            if (values == null)
            {
                writer.Write(NoVector);
                return;
            }
            writer.Write(values.Length);
            for (int i = 0; i < values.Length; i++) writer.Write(values[i]);
        }

        internal static double[] Read(BinaryReader reader, out long count)
        {
            count = reader.ReadInt64();
            int length = reader.ReadInt32();
            if (length == NoVector) return null;
            if (length < 0) throw new InvalidDataException("Aggregate state has a negative dimension: " + length + ".");
            double[] values = new double[length];
            for (int i = 0; i < length; i++) values[i] = reader.ReadDouble();
            return values;
        }
    }
}
