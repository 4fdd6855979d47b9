namespace Pbx.MediaNode.Tests.Engine;

/// <summary>Tests that count exceptions process-wide run alone, so other tests' exceptions do not count.</summary>
[CollectionDefinition(nameof(ExceptionCountingCollection), DisableParallelization = true)]
public sealed class ExceptionCountingCollection;
