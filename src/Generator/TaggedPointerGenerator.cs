using System;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using TaggedPtr.Generator.Declarations;
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
        Register(context, WrapperDeclarationReader.AttributeMetadataName, TrackingNames.Declarations, TrackingNames.Wrappers);
        Register(context, WrapperDeclarationReader.GenericAttributeMetadataName, TrackingNames.GenericDeclarations, TrackingNames.GenericWrappers);
    }

    private static void Register(
        IncrementalGeneratorInitializationContext context, string attributeName, string declarationsStep, string wrappersStep)
    {
        IncrementalValuesProvider<WrapperModel> wrappers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                attributeName,
                static (node, _) => node is StructDeclarationSyntax or RecordDeclarationSyntax,
                static (attributeContext, cancellationToken) => Parser.Parse(attributeContext, cancellationToken))
            .WithTrackingName(declarationsStep)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(wrappersStep);

        context.RegisterSourceOutput(wrappers, static (output, model) =>
        {
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

            output.AddSource(model.Hierarchy.HintName, SourceText.From(source, Encoding.UTF8));
        });
    }
}
