using Orleans;
namespace Pbx.Grains.Trunks;

/// <summary>A number brought to one form: E.164 with "+" for national and international kinds, the digits as dialled for internal ones.</summary>
/// <param name="Number">The normalised number; empty when <paramref name="Kind"/> is <see cref="NumberKind.Invalid"/>.</param>
/// <param name="Kind">What the number is.</param>
[GenerateSerializer, Immutable]
public readonly record struct NormalisedNumber(string Number, NumberKind Kind)
{
    /// <summary>The result for input no rule understands.</summary>
    public static NormalisedNumber Invalid { get; } = new(string.Empty, NumberKind.Invalid);
}
