namespace TaggedPtr.Package.Tests;

/// <summary>The package tests share one packed package and run one at a time (each drives whole builds).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Packed package";
}
