using System;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using TaggedPtr.Generator.Declarations;
using TaggedPtr.Generator.Helpers;
using TaggedPtr.Generator.Model;

namespace TaggedPtr.Generator;

/// <summary>
/// Generates a typed tagged-pointer wrapper for every <c>partial struct</c> marked <c>[TaggedPointer]</c> or
/// <c>[TaggedPointer&lt;T&gt;]</c>: one file per wrapper, from a value-equatable model, so an edit elsewhere in the
/// compilation regenerates nothing.
/// </summary>
/// <remarks>
/// Declarations that cannot be generated produce no file and no diagnostic; the analyzers explain them with the same
/// reading and layout code.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class TaggedPointerGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<WrapperModel> wrappers = Wrappers(
            context, WrapperDeclarationReader.AttributeMetadataName, TrackingNames.Declarations, TrackingNames.Wrappers);
        IncrementalValuesProvider<WrapperModel> genericWrappers = Wrappers(
            context, WrapperDeclarationReader.GenericAttributeMetadataName, TrackingNames.GenericDeclarations, TrackingNames.GenericWrappers);

        // A wrapper is made of pointers. Without unsafe code its file would only add CS0227, a declaration error that
        // stops the compiler before analyzers run, hiding TPTR0018, which says what to set. So generate nothing then.
        IncrementalValueProvider<bool> allowsUnsafeCode = context.CompilationProvider
            .Select(static (compilation, _) => compilation.Options is CSharpCompilationOptions { AllowUnsafe: true })
            .WithTrackingName(TrackingNames.AllowsUnsafeCode);

        // Names only: an edit inside one wrapper leaves this value equal, so the other wrappers stay cached.
        IncrementalValueProvider<EquatableArray<string>> clashingHintNames = wrappers
            .Select(static (model, _) => (model.Hierarchy.HintName, model.Hierarchy.DistinctHintName))
            .Collect()
            .Combine(genericWrappers.Select(static (model, _) => (model.Hierarchy.HintName, model.Hierarchy.DistinctHintName)).Collect())
            .Select(static (names, _) => HintNameClashes.Find(names.Left, names.Right))
            .WithTrackingName(TrackingNames.ClashingHintNames);

        IncrementalValueProvider<(bool AllowsUnsafeCode, EquatableArray<string> ClashingHintNames)> compilationFacts =
            allowsUnsafeCode.Combine(clashingHintNames);
        Emit(context, wrappers, compilationFacts);
        Emit(context, genericWrappers, compilationFacts);
    }

    private static IncrementalValuesProvider<WrapperModel> Wrappers(
        IncrementalGeneratorInitializationContext context, string attributeName, string declarationsStep, string wrappersStep) =>
        context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attributeName,
                static (node, _) => node is StructDeclarationSyntax or RecordDeclarationSyntax,
                static (attributeContext, cancellationToken) => Parser.Parse(attributeContext, cancellationToken))
            .WithTrackingName(declarationsStep)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(wrappersStep);

    private static void Emit(
        IncrementalGeneratorInitializationContext context,
        IncrementalValuesProvider<WrapperModel> wrappers,
        IncrementalValueProvider<(bool AllowsUnsafeCode, EquatableArray<string> ClashingHintNames)> compilationFacts)
    {
        context.RegisterSourceOutput(wrappers.Combine(compilationFacts), static (output, pair) =>
        {
            (WrapperModel model, (bool allowsUnsafeCode, EquatableArray<string> clashingHintNames)) = pair;
            if (!allowsUnsafeCode)
            {
                return;
            }

            // Two declarations of one full name (struct S and record struct S in one namespace) are one error the compiler
            // reports; no file could be right for both, and two files of one name would throw (CS8785).
            if (HintNameClashes.Contains(clashingHintNames, model.Hierarchy.DistinctHintName))
            {
                return;
            }

            string hintName = HintNameClashes.Contains(clashingHintNames, model.Hierarchy.HintName)
                ? model.Hierarchy.DistinctHintName
                : model.Hierarchy.HintName;
            string source;
            try
            {
                source = Emitter.Emit(model, output.CancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One unemittable wrapper must not take the others down with it (CS8785 drops the whole generator).
                return;
            }

            output.AddSource(hintName, SourceText.From(source, Encoding.UTF8));
        });
    }
}
