// The built SQL CLR assembly handed from clr-build to clr-deploy.
export interface ClrArtifact {
  dll: string;
  /** SHA2_512 of the DLL bytes, lower-case hex (what sys.sp_add_trusted_assembly takes). */
  sha512: string;
  toolchain: 'prebuilt' | 'dotnet' | 'mono' | 'container';
  cached: boolean;
}
