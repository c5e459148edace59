using System;
using System.Data.SqlTypes;

namespace Hartonomous.Clr
{
    /// <summary>
    /// The embedding layout shared with the database: float32 values, little-endian, packed
    /// (1536 dimensions = 6,144 bytes). Stateless helpers only: SAFE assemblies may not keep
    /// static mutable state.
    /// </summary>
    internal static class VectorBytes
    {
        internal const int BytesPerElement = 4;

        /// <summary>Reads a vector; null for SQL NULL. A length that is not a multiple of 4 is an error.</summary>
        internal static float[] Read(SqlBytes value, string argument)
        {
            if (value == null || value.IsNull) return null;
            byte[] bytes = value.Value;
            if (bytes.Length % BytesPerElement != 0)
            {
                throw new ArgumentException(
                    "Vector " + argument + " has " + bytes.Length + " bytes, which is not a whole number of float32 values (4 bytes each).",
                    argument);
            }
            int count = bytes.Length / BytesPerElement;
            float[] result = new float[count];
            // SQL Server runs on little-endian machines only, so BitConverter's native order is the stored order.
            for (int i = 0; i < count; i++) result[i] = BitConverter.ToSingle(bytes, i * BytesPerElement);
            return result;
        }

        internal static SqlBytes Write(float[] values)
        {
            byte[] bytes = new byte[values.Length * BytesPerElement];
            for (int i = 0; i < values.Length; i++)
            {
                byte[] element = BitConverter.GetBytes(values[i]);
                Buffer.BlockCopy(element, 0, bytes, i * BytesPerElement, BytesPerElement);
            }
            return new SqlBytes(bytes);
        }

        internal static SqlBytes Write(double[] values)
        {
            float[] narrowed = new float[values.Length];
            for (int i = 0; i < values.Length; i++) narrowed[i] = (float)values[i];
            return Write(narrowed);
        }

        /// <summary>Two vectors of different dimensions cannot be compared: say so instead of guessing.</summary>
        internal static void RequireSameLength(int left, int right, string operation)
        {
            if (left != right)
            {
                throw new ArgumentException(
                    operation + " needs vectors of the same dimension, got " + left + " and " + right + " float32 values.");
            }
        }
    }
}
