using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TaggedPtr.Fuzz.Tests.Mutation;
using TaggedPtr.Fuzz.Tests.Synthesis;

namespace TaggedPtr.Fuzz.Tests.Harness;

/// <summary>
/// Builds and runs many inputs on every core. Input <c>i</c> depends only on the master seed and <c>i</c>, results are
/// stored by index and added up in index order, so a run's figures and failures are the same on any machine and
/// any number of cores.
/// </summary>
internal static class FuzzRunner
{
    /// <summary>Input <paramref name="index"/> of the stream of <paramref name="masterSeed"/>: a synthesized program, mutated.</summary>
    public static FuzzInput Input(ulong masterSeed, int index) => Mutator.Mutate(ProgramSynthesizer.Synthesize(Seeds.ForInput(masterSeed, index)));

    /// <summary>Runs inputs 0 to <paramref name="count"/> - 1; every <paramref name="fixAllEvery"/>th also runs Fix All.</summary>
    public static async Task<FuzzRun> RunAsync(Components components, ulong masterSeed, int count, int fixAllEvery)
    {
        var pipeline = new FuzzPipeline(components);
        var results = new FuzzResult[count];
        var inputs = new FuzzInput?[count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) };
        await Parallel.ForEachAsync(Enumerable.Range(0, count), options, async (index, cancellationToken) =>
        {
            FuzzInput? input = null;
            try
            {
                input = Input(masterSeed, index);
                FuzzResult result = await pipeline.RunAsync(input, fixAll: index % fixAllEvery == 0, cancellationToken).ConfigureAwait(false);

                // Only failing inputs are kept: a long run holds hundreds of thousands of results.
                inputs[index] = result.Failures.Count == 0 ? null : input;
                results[index] = result;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A harness or Roslyn failure outside the components' own guards still names its input.
                inputs[index] = input;
                results[index] = new FuzzResult(new FuzzCounts(Inputs: 1, 0, 0, 0, 0, 0, 0, 0, 0), new[] { "pipeline threw: " + exception }, Array.Empty<string>());
            }
        }).ConfigureAwait(false);

        FuzzCounts total = default;
        var rules = new SortedSet<string>(StringComparer.Ordinal);
        var failed = new List<(int Index, FuzzInput Input, FuzzResult Result)>();
        for (int i = 0; i < count; i++)
        {
            total += results[i].Counts;
            rules.UnionWith(results[i].RuleIds);
            if (results[i].Failures.Count > 0)
            {
                failed.Add((i, inputs[i]!, results[i]));
            }
        }

        return new FuzzRun(total, rules, failed);
    }
}
