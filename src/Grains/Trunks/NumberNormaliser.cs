using System.Buffers;

namespace Pbx.Grains.Trunks;

/// <summary>
/// Brings dialled and received numbers to E.164 under a <see cref="NumberPlan"/>, and writes E.164 numbers in the form a
/// carrier wants. Pure: the dial plan, the inbound DID lookup and the tests call it directly.
/// </summary>
public static class NumberNormaliser
{
    // Visual separators people and carriers put in numbers (ITU-T E.123); removed before any rule looks at the digits.
    private static readonly SearchValues<char> Separators = SearchValues.Create(" -.()/");

    // ITU-T E.164 section 6: at most 15 digits including the country code.
    private const int MaxE164Digits = 15;

    /// <summary>Normalises <paramref name="input"/>: a SIP user part, a tel: number, or what a phone dialled.</summary>
    public static NormalisedNumber Normalise(string input, NumberPlan plan)
    {
        var digits = Clean(input);
        if (digits.Length == 0)
            return NormalisedNumber.Invalid;
        if (digits[0] == '+')
            return International(digits[1..], plan);
        if (!IsDigits(digits))
            return NormalisedNumber.Invalid;
        if (plan.InternationalPrefix.Length > 0 && digits.StartsWith(plan.InternationalPrefix, StringComparison.Ordinal)
            && digits.Length > plan.InternationalPrefix.Length + plan.InternalMaxLength)
            return International(digits[plan.InternationalPrefix.Length..], plan);
        if (plan.NationalPrefix.Length > 0 && digits.StartsWith(plan.NationalPrefix, StringComparison.Ordinal)
            && digits.Length > plan.NationalPrefix.Length + plan.InternalMaxLength)
            return National(digits[plan.NationalPrefix.Length..], plan);
        if (plan.NationalNumberLength > 0 && digits.Length == plan.NationalNumberLength)
            return National(digits, plan);
        // Carriers often present numbers as country code + national number without "+" (and some DIDs arrive so); a carrier
        // that writes every number so (CarrierFormat.International) sends foreign numbers in that form too.
        if (digits.Length > plan.InternalMaxLength
            && (plan.CarrierFormat == CarrierNumberFormat.International || digits.StartsWith(plan.CountryCode, StringComparison.Ordinal)))
            return International(digits, plan);
        return digits.Length <= plan.InternalMaxLength ? new NormalisedNumber(digits, NumberKind.Internal) : NormalisedNumber.Invalid;
    }

    /// <summary>Writes an E.164 number ("+358...") in the carrier's format; other numbers are returned unchanged.</summary>
    public static string ToCarrierFormat(string e164, NumberPlan plan)
    {
        if (!e164.StartsWith('+'))
            return e164;
        var digits = e164[1..];
        return plan.CarrierFormat switch
        {
            CarrierNumberFormat.International => digits,
            CarrierNumberFormat.National when digits.StartsWith(plan.CountryCode, StringComparison.Ordinal) =>
                plan.NationalPrefix + digits[plan.CountryCode.Length..],
            CarrierNumberFormat.National => plan.InternationalPrefix + digits,
            _ => e164,
        };
    }

    private static NormalisedNumber International(string digits, NumberPlan plan)
    {
        if (digits.Length is < 4 or > MaxE164Digits || !IsDigits(digits))
            return NormalisedNumber.Invalid;
        return new NormalisedNumber("+" + digits,
            digits.StartsWith(plan.CountryCode, StringComparison.Ordinal) ? NumberKind.National : NumberKind.International);
    }

    private static NormalisedNumber National(string significant, NumberPlan plan) =>
        plan.CountryCode.Length + significant.Length > MaxE164Digits
            ? NormalisedNumber.Invalid
            : new NormalisedNumber("+" + plan.CountryCode + significant, NumberKind.National);

    private static string Clean(string input)
    {
        var span = input.AsSpan().Trim();
        // tel:+358... (RFC 3966) and visual separators.
        if (span.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
            span = span[4..];
        var semicolon = span.IndexOf(';');
        if (semicolon >= 0)
            span = span[..semicolon];
        if (span.IndexOfAny(Separators) < 0)
            return span.ToString();
        Span<char> buffer = stackalloc char[span.Length];
        var length = 0;
        foreach (var c in span)
        {
            if (!Separators.Contains(c))
                buffer[length++] = c;
        }
        return buffer[..length].ToString();
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => text.Length > 0 && !text.ContainsAnyExceptInRange('0', '9');
}
