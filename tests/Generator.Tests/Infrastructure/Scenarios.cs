using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace TaggedPtr.Generator.Tests.Infrastructure;

/// <summary>
/// The declarations every golden, compile-and-run and language-version test works from. Field positions are written
/// from the runtime's scheme constants, so a layout bug in the generator cannot also move the expectation.
/// </summary>
internal static class Scenarios
{
    /// <summary>A pointee and an enum, documented so that only generated code can cause documentation warnings.</summary>
    public const string Types = """

        /// <summary>A list node: 16 bytes, 8-byte aligned.</summary>
        public struct Node
        {
            /// <summary>Payload.</summary>
            public long Value;

            /// <summary>Next node's address.</summary>
            public ulong Next;
        }

        /// <summary>Red-black colours.</summary>
        public enum Color : byte
        {
            /// <summary>Red.</summary>
            Red = 0,

            /// <summary>Black.</summary>
            Black = 1,
        }

        /// <summary>Node kinds.</summary>
        public enum Kind
        {
            /// <summary>A leaf.</summary>
            Leaf = 0,

            /// <summary>A branch.</summary>
            Branch = 1,

            /// <summary>A tombstone.</summary>
            Deleted = 7,
        }
        """;

    private static readonly int U57 = LamU57.TagShift;
    private static readonly int U48 = LamU48.TagShift;
    private static readonly int Tbi = ArmTbi.TagShift;

    /// <summary>Every scenario.</summary>
    public static IReadOnlyList<Scenario> All { get; } = new[]
    {
        new Scenario(
            "IssueExample",
            """
            using TaggedPtr;

            namespace Demo;

            /// <summary>The issue's example.</summary>
            [TaggedPointer(typeof(Node))]
            [TagField("Color", typeof(Color), Bits = 1)]
            [TagField("Version", Bits = 5)]
            [LowTagField("Marked", typeof(bool), Bits = 1)]
            public readonly partial struct NodePtr;
            """ + Types,
            "Demo.NodePtr.g.cs",
            "Demo.NodePtr",
            LanguageVersion.CSharp12,
            new[] { new FieldSpec("Color", U57, 1), new FieldSpec("Version", U57 + 1, 5), new FieldSpec("Marked", 0, 1) }),
        new Scenario(
            "SingleTag",
            """
            using TaggedPtr;

            namespace Demo
            {
                [TaggedPointer(typeof(Node))]
                public readonly partial struct NodePtr
                {
                }
            """ + Types + "\n}\n",
            "Demo.NodePtr.g.cs",
            "Demo.NodePtr",
            LanguageVersion.CSharp8,
            new[] { new FieldSpec("Tag", U57, LamU57.TagBits) }),
        new Scenario(
            "LamU48Scheme",
            """
            using TaggedPtr;

            namespace Demo
            {
                [TaggedPointer(typeof(Node), Scheme = TagScheme.LamU48)]
                [TagField("Kind", typeof(Kind))]
                [TagField("Epoch", Bits = 12)]
                public readonly partial struct WidePtr
                {
                }
            """ + Types + "\n}\n",
            "Demo.WidePtr.g.cs",
            "Demo.WidePtr",
            LanguageVersion.CSharp8,
            new[] { new FieldSpec("Kind", U48, 3), new FieldSpec("Epoch", U48 + 3, 12) }),
        new Scenario(
            "ArmTbiScheme",
            """
            using TaggedPtr;

            namespace Demo
            {
                [TaggedPointer(typeof(Node), Scheme = TagScheme.ArmTbi)]
                [TagField("Top", typeof(byte), Bits = 8)]
                [LowTagField("Dirty", typeof(bool))]
                public readonly partial struct TbiPtr
                {
                }
            """ + Types + "\n}\n",
            "Demo.TbiPtr.g.cs",
            "Demo.TbiPtr",
            LanguageVersion.CSharp8,
            new[] { new FieldSpec("Top", Tbi, 8), new FieldSpec("Dirty", 0, 1) }),
        new Scenario(
            "LowBitsOnly",
            """
            using TaggedPtr;

            namespace Demo
            {
                [TaggedPointer(typeof(Node), Scheme = TagScheme.None, Alignment = 16)]
                [LowTagField("Marked", typeof(bool))]
                [LowTagField("Slot", Bits = 3)]
                public readonly partial struct PlainPtr
                {
                }
            """ + Types + "\n}\n",
            "Demo.PlainPtr.g.cs",
            "Demo.PlainPtr",
            LanguageVersion.CSharp8,
            new[] { new FieldSpec("Marked", 0, 1), new FieldSpec("Slot", 1, 3) }),
        new Scenario(
            "GlobalNamespace",
            """
            using TaggedPtr;

            /// <summary>In the global namespace.</summary>
            [TaggedPointer(typeof(Node))]
            [TagField("Version", Bits = 6)]
            public readonly partial struct GlobalPtr
            {
            }
            """ + Types,
            "GlobalPtr.g.cs",
            "GlobalPtr",
            LanguageVersion.CSharp8,
            new[] { new FieldSpec("Version", U57, 6) }),
        new Scenario(
            "NestedType",
            """
            using TaggedPtr;

            namespace Demo
            {
                /// <summary>A container.</summary>
                public static partial class Lists
                {
                    [TaggedPointer(typeof(Node))]
                    [TagField("Marked", typeof(bool))]
                    public readonly partial struct Link
                    {
                    }
                }
            """ + Types + "\n}\n",
            "Demo.Lists+Link.g.cs",
            "Demo.Lists+Link",
            LanguageVersion.CSharp8,
            new[] { new FieldSpec("Marked", U57, 1) }),
        new Scenario(
            "GenericNestedType",
            """
            using TaggedPtr;

            namespace Demo
            {
                /// <summary>A generic container.</summary>
                /// <typeparam name="T">Anything unmanaged.</typeparam>
                public partial class Outer<T>
                    where T : unmanaged
                {
                    /// <summary>A generic struct inside it.</summary>
                    /// <typeparam name="U">Anything unmanaged.</typeparam>
                    public partial struct Inner<U>
                        where U : unmanaged
                    {
                        [TaggedPointer(typeof(Node))]
                        [TagField("Color", typeof(Color))]
                        public readonly partial struct NodePtr
                        {
                        }
                    }
                }
            """ + Types + "\n}\n",
            "Demo.Outer`1+Inner`1+NodePtr.g.cs",
            "Demo.Outer`1+Inner`1+NodePtr",
            LanguageVersion.CSharp8,
            new[] { new FieldSpec("Color", U57, 1) }),
        new Scenario(
            "RecordStruct",
            """
            using TaggedPtr;

            namespace Demo;

            /// <summary>A record struct wrapper.</summary>
            [TaggedPointer(typeof(Node))]
            [TagField("Color", typeof(Color))]
            [TagField("Version", Bits = 4)]
            public readonly partial record struct NodeRef;
            """ + Types,
            "Demo.NodeRef.g.cs",
            "Demo.NodeRef",
            LanguageVersion.CSharp10,
            new[] { new FieldSpec("Color", U57, 1), new FieldSpec("Version", U57 + 1, 4) }),
        new Scenario(
            "MutableStruct",
            """
            using TaggedPtr;

            namespace Demo
            {
                [TaggedPointer(typeof(Node))]
                [TagField("Version", Bits = 3)]
                [LowTagField("Marked", typeof(bool))]
                public partial struct MutablePtr
                {
                }
            """ + Types + "\n}\n",
            "Demo.MutablePtr.g.cs",
            "Demo.MutablePtr",
            LanguageVersion.CSharp8,
            new[] { new FieldSpec("Version", U57, 3), new FieldSpec("Marked", 0, 1) }),
        new Scenario(
            "AddressOnlyEquality",
            """
            using TaggedPtr;

            namespace Demo
            {
                [TaggedPointer(typeof(Node), Equality = TagEquality.AddressOnly)]
                [TagField("Hint", Bits = 2)]
                public readonly partial struct KeyPtr
                {
                }
            """ + Types + "\n}\n",
            "Demo.KeyPtr.g.cs",
            "Demo.KeyPtr",
            LanguageVersion.CSharp8,
            new[] { new FieldSpec("Hint", U57, 2) }),
        new Scenario(
            "GenericAttribute",
            """
            using TaggedPtr;

            namespace Demo;

            /// <summary>The C# 11 attribute form.</summary>
            [TaggedPointer<Node>(Scheme = TagScheme.LamU57)]
            [TagField("Color", typeof(Color))]
            [LowTagField("Marked", typeof(bool))]
            public readonly partial struct GenericFormPtr
            {
            }
            """ + Types,
            "Demo.GenericFormPtr.g.cs",
            "Demo.GenericFormPtr",
            LanguageVersion.CSharp11,
            new[] { new FieldSpec("Color", U57, 1), new FieldSpec("Marked", 0, 1) }),
        new Scenario(
            "ExplicitOffsetsAndAlignment",
            """
            using TaggedPtr;

            namespace Demo
            {
                [TaggedPointer(typeof(Node), Alignment = 64)]
                [TagField("High", Bits = 2, Offset = 4)]
                [TagField("Low", Bits = 2, Offset = 0)]
                [LowTagField("Slot", Bits = 4, Offset = 2)]
                public readonly partial struct CachePtr
                {
                }
            """ + Types + "\n}\n",
            "Demo.CachePtr.g.cs",
            "Demo.CachePtr",
            LanguageVersion.CSharp8,
            new[] { new FieldSpec("High", U57 + 4, 2), new FieldSpec("Low", U57, 2), new FieldSpec("Slot", 2, 4) }),
        new Scenario(
            "TypedUnsignedFields",
            """
            using TaggedPtr;

            namespace Demo
            {
                [TaggedPointer(typeof(Node), Scheme = TagScheme.LamU48)]
                [TagField("Small", typeof(ushort), Bits = 3)]
                [TagField("Medium", typeof(uint), Bits = 10)]
                [TagField("Large", typeof(ulong), Bits = 2)]
                public readonly partial struct TypedPtr
                {
                }
            """ + Types + "\n}\n",
            "Demo.TypedPtr.g.cs",
            "Demo.TypedPtr",
            LanguageVersion.CSharp8,
            new[] { new FieldSpec("Small", U48, 3), new FieldSpec("Medium", U48 + 3, 10), new FieldSpec("Large", U48 + 13, 2) }),
        new Scenario(
            "GenericWrapper",
            """
            using TaggedPtr;

            namespace Demo
            {
                /// <summary>A wrapper with a phantom type parameter.</summary>
                /// <typeparam name="TOwner">Who owns the node.</typeparam>
                [TaggedPointer(typeof(Node))]
                [TagField("Owner", Bits = 2)]
                public readonly partial struct Owned<TOwner>
                    where TOwner : unmanaged
                {
                }
            """ + Types + "\n}\n",
            "Demo.Owned`1.g.cs",
            "Demo.Owned`1",
            LanguageVersion.CSharp8,
            new[] { new FieldSpec("Owner", U57, 2) }),
        new Scenario(
            "PrimitivePointee",
            """
            using TaggedPtr;

            namespace Demo
            {
                [TaggedPointer(typeof(int))]
                [LowTagField("Flags", Bits = 2)]
                internal readonly partial struct IntPtrWithFlags
                {
                }
            """ + Types + "\n}\n",
            "Demo.IntPtrWithFlags.g.cs",
            "Demo.IntPtrWithFlags",
            LanguageVersion.CSharp8,
            new[] { new FieldSpec("Flags", 0, 2) }),
        new Scenario(
            "KeywordNamespace",
            """
            using TaggedPtr;

            namespace @class.@event
            {
                [TaggedPointer(typeof(Node))]
                [TagField("Marked", typeof(bool))]
                public readonly partial struct Ptr
                {
                }
            """ + Types + "\n}\n",
            "class.event.Ptr.g.cs",
            "class.event.Ptr",
            LanguageVersion.CSharp8,
            new[] { new FieldSpec("Marked", U57, 1) }),
        new Scenario(
            "ContainingRecordAndInterface",
            """
            using TaggedPtr;

            namespace Demo
            {
                /// <summary>A record holding an interface holding the wrapper.</summary>
                public partial record Holder
                {
                    /// <summary>An interface.</summary>
                    public partial interface IScope
                    {
                        [TaggedPointer(typeof(Node))]
                        [TagField("Version", Bits = 6)]
                        public readonly partial struct ScopedPtr
                        {
                        }
                    }
                }
            """ + Types + "\n}\n",
            "Demo.Holder+IScope+ScopedPtr.g.cs",
            "Demo.Holder+IScope+ScopedPtr",
            LanguageVersion.CSharp9,
            new[] { new FieldSpec("Version", U57, 6) }),
    };

    /// <summary>Scenario names, for <c>[MemberData]</c>.</summary>
    public static IEnumerable<object[]> Names => All.Select(s => new object[] { s.Name });

    /// <summary>The scenario called <paramref name="name"/>.</summary>
    public static Scenario Get(string name) => All.Single(s => s.Name == name);
}
