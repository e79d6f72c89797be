using BenchmarkDotNet.Running;

// Run all:           dotnet run -c Release --project bench/Benchmarks -- --filter '*'
// Run one class:     dotnet run -c Release --project bench/Benchmarks -- --filter '*PointerBenchmarks*'
// Results and the machine they were measured on are recorded in docs/benchmarks.md.
BenchmarkSwitcher.FromAssembly(typeof(TaggedPtr.Benchmarks.PointerBenchmarks).Assembly).Run(args);
