namespace TaggedPtr.Package.Tests;

/// <summary>The files of the fresh console app.</summary>
internal static class FreshApp
{
    public static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="taggedptr-local" value="{feed}" />
          </packageSources>
        </configuration>
        """;

    public static string Project(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="TaggedPtr" Version="{version}" />
          </ItemGroup>
        </Project>
        """;

    public const string Declarations = """
        using TaggedPtr;

        namespace FreshApp;

        public struct Node
        {
            public long Value;
        }

        [TaggedPointer(typeof(Node))]
        [TagField("Version", Bits = 5)]
        [LowTagField("Marked", typeof(bool), Bits = 1)]
        public readonly partial struct NodePtr;
        """;

    public const string Program = """
        using System.Runtime.InteropServices;
        using FreshApp;
        using TaggedPtr;
        using TaggedPtr.Devices;
        using TaggedPtr.Simulation;

        unsafe
        {
            Node* node = (Node*)NativeMemory.AlignedAlloc((nuint)sizeof(Node), 8);
            node->Value = 42;
            NodePtr pointer = new NodePtr(node).WithVersion(3).WithMarked(true);
            Console.WriteLine($"wrapper: {pointer}");
            Console.WriteLine($"after increment: {pointer.IncrementVersion().Version}, value through the tag: {pointer.Target.Value}");
            NativeMemory.AlignedFree(node);
        }

        var kernel = new Kernel();
        SimThread main = kernel.Spawn("fresh").MainThread;
        var dsa = new DsaDevice(kernel);
        using DsaPortal portal = dsa.WorkQueues[0].Open(main);
        ulong buffers = main.Map(3 * 4096, flags: MapFlags.Populate);
        portal.Enqcmd(main, DsaDescriptor.Memmove(buffers, buffers + 4096, 64, buffers + 8192));
        Console.WriteLine($"device: {DsaCompletionRecord.Read(main, buffers + 8192).Code}");
        """;

    public const string Misuse = """
        using FreshApp;
        using TaggedPtr.Devices;

        internal static class Misuse
        {
            public static DsaDescriptor Copy(NodePtr tagged, ulong destination, ulong record) =>
                DsaDescriptor.Memmove(tagged.RawValue, destination, 64, record);
        }
        """;
}
