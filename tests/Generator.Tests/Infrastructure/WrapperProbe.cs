using System;
using System.Linq;
using System.Reflection;

namespace TaggedPtr.Generator.Tests.Infrastructure;

/// <summary>Drives a compiled wrapper through reflection, the way user code would call it.</summary>
internal sealed unsafe class WrapperProbe
{
    private readonly Type _type;

    public WrapperProbe(Assembly assembly, string metadataName)
    {
        Type type = assembly.GetType(metadataName, throwOnError: true)!;

        // Generic wrappers and wrappers nested in generic types are closed over int (every scenario allows it).
        _type = type.ContainsGenericParameters
            ? type.MakeGenericType(type.GetGenericArguments().Select(_ => typeof(int)).ToArray())
            : type;
    }

    public Type Type => _type;

    /// <summary>The wrapper around <paramref name="address"/> built with the pointer constructor.</summary>
    public object Create(ulong address)
    {
        ConstructorInfo constructor = _type.GetConstructors().Single(c => c.GetParameters().Single().ParameterType.IsPointer);
        Type pointerType = constructor.GetParameters()[0].ParameterType;
        return Invoke(() => constructor.Invoke(new[] { Pointer.Box((void*)address, pointerType) }));
    }

    public object FromRaw(ulong value) => Invoke(() => _type.GetMethod("FromRaw")!.Invoke(null, new object[] { value })!);

    public ulong Raw(object wrapper) => (ulong)Get(wrapper, "RawValue");

    public object Get(object wrapper, string property) => _type.GetProperty(property)!.GetValue(wrapper)!;

    public ulong GetField(object wrapper, string field) => ToUInt64(Get(wrapper, field));

    public Type FieldType(string field) => _type.GetProperty(field)!.PropertyType;

    /// <summary><c>WithX(value)</c>, with <paramref name="value"/> converted to the field's type.</summary>
    public object With(object wrapper, string field, ulong value)
    {
        object typed = FromUInt64(FieldType(field), value);
        return Invoke(() => _type.GetMethod("With" + field)!.Invoke(wrapper, new[] { typed })!);
    }

    public object Call(object? wrapper, string method, params object[] arguments) =>
        Invoke(() => _type.GetMethod(method, arguments.Select(a => a.GetType()).ToArray())!.Invoke(wrapper, arguments)!);

    /// <summary>True when <paramref name="value"/> can be passed as the field's type at all.</summary>
    public bool IsRepresentable(string field, ulong value)
    {
        Type type = FieldType(field);
        Type underlying = type.IsEnum ? Enum.GetUnderlyingType(type) : type;
        return underlying == typeof(bool) ? value <= 1 : value <= MaxOf(underlying);
    }

    private static ulong MaxOf(Type type) =>
        type == typeof(byte) ? byte.MaxValue
        : type == typeof(ushort) ? ushort.MaxValue
        : type == typeof(uint) ? uint.MaxValue
        : type == typeof(int) ? int.MaxValue
        : ulong.MaxValue;

    private static object FromUInt64(Type type, ulong value) =>
        type == typeof(bool) ? value != 0
        : type.IsEnum ? Enum.ToObject(type, value)
        : Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture);

    private static ulong ToUInt64(object value) =>
        value is bool b ? (b ? 1UL : 0UL)
        : value is Enum ? Convert.ToUInt64(Convert.ChangeType(value, Enum.GetUnderlyingType(value.GetType()), System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)
        : Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    // Reflection wraps what the member throws; tests want the member's own exception.
    private static object Invoke(Func<object> call)
    {
        try
        {
            return call();
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }
}
