using System.Reflection;
using System.Runtime.InteropServices;

// The assembly identity SQL Server records (sys.assemblies.clr_name). Kept by hand so that a Mono
// build and a dotnet build of these sources name the same assembly.
[assembly: AssemblyTitle("Hartonomous.Clr")]
[assembly: AssemblyDescription("Vector functions and aggregates over float32 little-endian VARBINARY for SQL Server")]
[assembly: AssemblyProduct("Hartonomous")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
[assembly: ComVisible(false)]
