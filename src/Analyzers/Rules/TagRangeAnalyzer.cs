using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TaggedPtr.Analyzers.Flow;
using TaggedPtr.Analyzers.Symbols;
using TaggedPtr.Generator.Layout;

namespace TaggedPtr.Analyzers.Rules;

/// <summary>
/// TPTR0003: a constant tag that cannot fit: <c>WithTag</c>, <c>FromAddress</c> and the tagged constructor of the
/// runtime's <c>TaggedPtr</c> types (6 bits in LAM_U57, 15 in LAM_U48, 8 in TBI), and <c>WithX</c> of a generated
/// wrapper for the width of field <c>X</c>. At run time each of these throws <c>ArgumentOutOfRangeException</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TagRangeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.TagOutOfRange);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        // Generated code is not analyzed: the generator validates at run time and never passes constants.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysis.Flags);
        context.EnableConcurrentExecution();
        KnownSymbols.WhenRuntimeIsReferenced(context, (start, symbols) =>
        {
            // One callback per body, not one per invocation: the survey of the body names the few calls to check.
            start.RegisterOperationBlockAction(block => Analyze(block, symbols));
        });
    }

    private static void Analyze(OperationBlockAnalysisContext context, KnownSymbols symbols)
    {
        if (context.IsGeneratedCode)
        {
            return;
        }

        foreach (IOperation block in context.OperationBlocks)
        {
            foreach (IOperation call in BodySurvey.Of(block, symbols, context.CancellationToken).TagRangeCalls)
            {
                if (call is IInvocationOperation invocation)
                {
                    AnalyzeInvocation(context, invocation, symbols);
                }
                else
                {
                    AnalyzeCreation(context, (IObjectCreationOperation)call, symbols);
                }
            }
        }
    }

    private static void AnalyzeInvocation(OperationBlockAnalysisContext context, IInvocationOperation invocation, KnownSymbols symbols)
    {
        IMethodSymbol method = invocation.TargetMethod;
        INamedTypeSymbol? type = method.ContainingType;
        if (symbols.IsRuntimeTaggedPtr(type))
        {
            if (method.Name is "WithTag" or "FromAddress")
            {
                CheckRuntimeTag(context, symbols, type!, invocation.Arguments);
            }

            return;
        }

        // TaggedPtrExtensions.WithTag: the runtime's WithTag takes the pointer by value, as an extension method.
        if (method is { IsExtensionMethod: true, Name: "WithTag", Parameters.Length: 2 } &&
            SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, symbols.RuntimeAssembly) &&
            method.Parameters[0].Type is INamedTypeSymbol receiver && symbols.IsRuntimeTaggedPtr(receiver))
        {
            CheckRuntimeTag(context, symbols, receiver, invocation.Arguments);
            return;
        }

        if (method.Name.Length > 4 && method.Name.StartsWith("With", System.StringComparison.Ordinal) && invocation.Arguments.Length == 1 &&
            symbols.GetWrapper(type) is { } wrapper && wrapper.FindField(method.Name.Substring(4)) is { Kind: not FieldKind.Bool } field)
        {
            string description = string.Format(CultureInfo.InvariantCulture, "the {0}-bit field '{1}' of '{2}'", field.Bits, field.Name, type!.Name);
            Check(context, invocation.Arguments[0].Value, field.Bits, description);
        }
    }

    private static void AnalyzeCreation(OperationBlockAnalysisContext context, IObjectCreationOperation creation, KnownSymbols symbols)
    {
        if (creation.Constructor is { } constructor && symbols.IsRuntimeTaggedPtr(constructor.ContainingType))
        {
            CheckRuntimeTag(context, symbols, constructor.ContainingType, creation.Arguments);
        }
    }

    private static void CheckRuntimeTag(OperationBlockAnalysisContext context, KnownSymbols symbols, INamedTypeSymbol type, ImmutableArray<IArgumentOperation> arguments)
    {
        int bits = symbols.SchemeTagBits(symbols.SchemeOf(type));
        if (bits <= 0)
        {
            return;
        }

        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter?.Name == "tag" && argument.ArgumentKind != ArgumentKind.DefaultValue)
            {
                string scheme = SchemeName(symbols.SchemeTagMask(symbols.SchemeOf(type)));
                Check(context, argument.Value, bits, string.Format(CultureInfo.InvariantCulture, "the {0}-bit tag of {1}", bits, scheme));
            }
        }
    }

    private static void Check(OperationBlockAnalysisContext context, IOperation value, int bits, string description)
    {
        if (bits >= 64 || value.ConstantValue is not { HasValue: true, Value: { } constant })
        {
            return;
        }

        ulong max = (1UL << bits) - 1;
        string? shown = TryGetUnsigned(constant, out ulong number)
            ? number > max ? number.ToString(CultureInfo.InvariantCulture) : null
            : IsNegative(constant) ? System.Convert.ToString(constant, CultureInfo.InvariantCulture) : null;
        if (shown is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.TagOutOfRange,
                value.Syntax.GetLocation(),
                string.Format(CultureInfo.InvariantCulture, "Tag {0} does not fit {1}; the largest value is {2}", shown, description, max)));
        }
    }

    private static bool TryGetUnsigned(object constant, out ulong result)
    {
        switch (constant)
        {
            case byte b: result = b; return true;
            case ushort us: result = us; return true;
            case uint ui: result = ui; return true;
            case ulong ul: result = ul; return true;
            case char c: result = c; return true;
            case sbyte sb when sb >= 0: result = (ulong)sb; return true;
            case short s when s >= 0: result = (ulong)s; return true;
            case int i when i >= 0: result = (ulong)i; return true;
            case long l when l >= 0: result = (ulong)l; return true;
            default: result = 0; return false;
        }
    }

    private static bool IsNegative(object constant) => constant switch
    {
        sbyte s => s < 0,
        short s => s < 0,
        int i => i < 0,
        long l => l < 0,
        _ => false,
    };

    private static string SchemeName(ulong tagMask) => tagMask switch
    {
        KnownSymbols.LamU57TagMask => "LAM_U57",
        KnownSymbols.LamU48TagMask => "LAM_U48",
        _ => "TBI",
    };
}
