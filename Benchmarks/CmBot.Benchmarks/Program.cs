using System.Globalization;
using BenchmarkDotNet.Running;
using CmBot.Benchmarks;

// `stream [N]`: the bounded one-million-mention replay run; anything else goes to BenchmarkDotNet.
if (args is ["stream", ..])
{
    return StreamRun.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000);
}

BenchmarkSwitcher.FromAssembly(typeof(TriageBenchmarks).Assembly).Run(args);
return 0;
