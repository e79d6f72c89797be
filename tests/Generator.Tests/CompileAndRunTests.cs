using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using TaggedPtr.Generator.Tests.Infrastructure;

namespace TaggedPtr.Generator.Tests;

/// <summary>
/// Every scenario's wrapper compiled, loaded and called: each field at its minimum, maximum and one past it; all fields
/// together; the address never disturbed; the layout equal to the hand-written expectation from the runtime's masks.
/// </summary>
public sealed class CompileAndRunTests
{
    // A user-space address aligned for every scenario (4 KiB) and inside every scheme's address bits.
    private const ulong Address = 0x0000_7F12_A4C0_1000UL;

    private static readonly Dictionary<string, (Assembly Assembly, WrapperProbe Probe)> Compiled = new();

    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void Every_field_takes_its_minimum_and_maximum_and_rejects_one_past_it(string name)
    {
        (Scenario scenario, WrapperProbe probe) = Load(name);
        object start = probe.Create(Address);
        foreach (FieldSpec field in scenario.Fields)
        {
            object min = probe.With(start, field.Name, 0);
            Assert.Equal(Address, probe.Raw(min));
            Assert.Equal(0UL, probe.GetField(min, field.Name));

            object max = probe.With(start, field.Name, field.Max);
            Assert.Equal(Address | field.Mask, probe.Raw(max));
            Assert.Equal(field.Max, probe.GetField(max, field.Name));
            Assert.Equal(Address, (ulong)probe.Get(max, "Address"));

            if (probe.IsRepresentable(field.Name, field.Max + 1))
            {
                var error = Assert.Throws<ArgumentOutOfRangeException>(() => probe.With(start, field.Name, field.Max + 1));
                Assert.Equal("value", error.ParamName);
                Assert.Contains(field.Name, error.Message, StringComparison.Ordinal);
                Assert.Contains("never truncated", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void All_fields_set_together_round_trip(string name)
    {
        (Scenario scenario, WrapperProbe probe) = Load(name);
        object wrapper = probe.Create(Address);
        ulong expected = Address;
        var values = new Dictionary<string, ulong>();
        foreach (FieldSpec field in scenario.Fields)
        {
            // A pattern that differs per field and uses both ends of the field.
            ulong value = field.Bits == 1 ? 1UL : (field.Max ^ (ulong)values.Count) | 1UL;
            wrapper = probe.With(wrapper, field.Name, value);
            values[field.Name] = value;
            expected |= value << field.Shift;
        }

        Assert.Equal(expected, probe.Raw(wrapper));
        foreach (FieldSpec field in scenario.Fields)
        {
            Assert.Equal(values[field.Name], probe.GetField(wrapper, field.Name));
        }

        Assert.Equal(Address, (ulong)probe.Get(wrapper, "Address"));
        Assert.Equal(wrapper, probe.FromRaw(expected));
        Assert.Equal(Address, probe.Raw(probe.Get(wrapper, "Untagged")));
        Assert.True(probe.Call(wrapper, "AddressEquals", probe.Create(Address)) is true);
        Assert.False((bool)probe.Get(wrapper, "IsNull"));
        string text = wrapper.ToString()!;
        Assert.StartsWith("0x00007F12A4C01000 [", text, StringComparison.Ordinal);
        foreach (FieldSpec field in scenario.Fields)
        {
            Assert.Contains(field.Name + "=", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void Layout_equals_the_expectation_and_stays_inside_the_scheme(string name)
    {
        (Scenario scenario, WrapperProbe probe) = Load(name);
        ulong fields = 0;
        foreach (FieldSpec field in scenario.Fields)
        {
            Assert.Equal(0UL, fields & field.Mask);
            fields |= field.Mask;
        }

        // FromRaw accepts exactly the scheme's address bits (minus the low fields) and the field bits: try every bit.
        ulong lowFields = scenario.Fields.Where(f => f.Shift < 32).Aggregate(0UL, (mask, f) => mask | f.Mask);
        ulong address = SchemeAddressMask(scenario) & ~lowFields;
        Assert.Equal(address, (ulong)probe.Get(probe.FromRaw(address | fields), "Address"));
        for (int bit = 0; bit < 64; bit++)
        {
            ulong value = 1UL << bit;
            if (((address | fields) & value) != 0)
            {
                Assert.Equal(value, probe.Raw(probe.FromRaw(value)));
            }
            else
            {
                Assert.Throws<ArgumentException>(() => probe.FromRaw(value));
            }
        }

        // High fields sit inside the scheme's tag bits and low fields below the address.
        ulong schemeTags = SchemeTagMask(scenario);
        foreach (FieldSpec field in scenario.Fields.Where(f => f.Shift >= 32))
        {
            Assert.Equal(field.Mask, field.Mask & schemeTags);
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void Constructor_rejects_tagged_and_misaligned_pointers(string name)
    {
        (Scenario scenario, WrapperProbe probe) = Load(name);
        foreach (FieldSpec field in scenario.Fields)
        {
            var error = Assert.Throws<ArgumentException>(() => probe.Create(Address | (1UL << field.Shift)));
            Assert.Equal("pointer", error.ParamName);
        }

        Assert.Equal(0UL, probe.Raw(probe.Create(0)));
        Assert.True((bool)probe.Get(probe.Create(0), "IsNull"));
    }

    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void Increment_wraps_inside_an_unsigned_field_and_leaves_the_rest(string name)
    {
        (Scenario scenario, WrapperProbe probe) = Load(name);
        foreach (FieldSpec field in scenario.Fields.Where(f => probe.Type.GetMethod("Increment" + f.Name) is not null))
        {
            object everythingSet = scenario.Fields.Aggregate(probe.Create(Address), (w, f) => probe.With(w, f.Name, f.Max));
            object wrapped = probe.Call(everythingSet, "Increment" + field.Name);
            Assert.Equal(0UL, probe.GetField(wrapped, field.Name));
            Assert.Equal(probe.Raw(everythingSet) & ~field.Mask, probe.Raw(wrapped));

            object one = probe.Call(probe.Create(Address), "Increment" + field.Name);
            Assert.Equal(1UL, probe.GetField(one, field.Name));
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public void Equality_follows_the_declared_policy(string name)
    {
        (Scenario scenario, WrapperProbe probe) = Load(name);
        FieldSpec field = scenario.Fields[0];
        object plain = probe.Create(Address);
        object tagged = probe.With(plain, field.Name, 1);
        bool addressOnly = scenario.Source.Contains("TagEquality.AddressOnly", StringComparison.Ordinal);

        Assert.Equal(addressOnly, plain.Equals(tagged));
        Assert.Equal(addressOnly, plain.GetHashCode() == tagged.GetHashCode());
        Assert.True(plain.Equals(probe.Create(Address)));
        Assert.False(plain.Equals(probe.Create(Address + 0x1000)));
        Assert.False(plain.Equals(null));
        MethodInfo equality = probe.Type.GetMethod("op_Equality")!;
        Assert.Equal(addressOnly, (bool)equality.Invoke(null, new[] { plain, tagged })!);
    }

    [Fact]
    public void Wrapper_works_under_checked_arithmetic()
    {
        // CheckForOverflowUnderflow makes every unmarked conversion and addition checked: the wrapper must not trip it.
        Scenario scenario = Scenarios.Get("ArmTbiScheme");
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compile(new[] { scenario.Source }, assemblyName: "Checked", checkOverflow: true)).AssertClean();
        var probe = new WrapperProbe(GeneratorHarness.Load(run.Output), scenario.WrapperMetadataName);

        object top = probe.With(probe.Create(Address), "Top", 255);
        object wrapped = probe.Call(top, "IncrementTop");

        Assert.Equal(0UL, probe.GetField(wrapped, "Top"));
        Assert.Equal(Address, probe.Raw(wrapped));
        Assert.Equal(255UL, probe.GetField(probe.FromRaw(ulong.MaxValue & ~0x0080_0000_0000_0001UL & ~(1UL << 55)), "Top"));
    }

    private static ulong SchemeTagMask(Scenario scenario) =>
        scenario.Source.Contains("TagScheme.LamU48", StringComparison.Ordinal) ? LamU48.TagMask
        : scenario.Source.Contains("TagScheme.ArmTbi", StringComparison.Ordinal) ? ArmTbi.TagMask
        : scenario.Source.Contains("TagScheme.None", StringComparison.Ordinal) ? 0UL
        : LamU57.TagMask;

    private static ulong SchemeAddressMask(Scenario scenario) =>
        scenario.Source.Contains("TagScheme.LamU48", StringComparison.Ordinal) ? LamU48.AddressMask
        : scenario.Source.Contains("TagScheme.ArmTbi", StringComparison.Ordinal) ? ArmTbi.AddressMask
        : scenario.Source.Contains("TagScheme.None", StringComparison.Ordinal) ? ulong.MaxValue
        : LamU57.AddressMask;

    private static (Scenario Scenario, WrapperProbe Probe) Load(string name)
    {
        Scenario scenario = Scenarios.Get(name);
        lock (Compiled)
        {
            if (!Compiled.TryGetValue(name, out var compiled))
            {
                GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Compile(new[] { scenario.Source }, assemblyName: "Scenario_" + name)).AssertClean();
                Assembly assembly = GeneratorHarness.Load(run.Output);
                compiled = (assembly, new WrapperProbe(assembly, scenario.WrapperMetadataName));
                Compiled[name] = compiled;
            }

            return (scenario, compiled.Probe);
        }
    }
}
