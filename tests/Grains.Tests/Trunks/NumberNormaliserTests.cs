using Pbx.Grains.Trunks;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Trunks;

public sealed class NumberNormaliserTests
{
    // Finland: country code 358, trunk prefix 0, international prefix 00, mobile national significant numbers of 9 digits.
    private static readonly NumberPlan Finland = new("358", "0", "00", NationalNumberLength: 9, InternalMaxLength: 4);

    [Theory]
    [InlineData("+358401234567", "+358401234567", NumberKind.National)]
    [InlineData("0401234567", "+358401234567", NumberKind.National)]
    [InlineData("401234567", "+358401234567", NumberKind.National)]
    [InlineData("00358401234567", "+358401234567", NumberKind.National)]
    [InlineData("358401234567", "+358401234567", NumberKind.National)]
    [InlineData("0046701234567", "+46701234567", NumberKind.International)]
    [InlineData("+46701234567", "+46701234567", NumberKind.International)]
    [InlineData("tel:+358-40-123 4567", "+358401234567", NumberKind.National)]
    [InlineData("(040) 123 4567", "+358401234567", NumberKind.National)]
    [InlineData("tel:+46701234567;phone-context=example.com", "+46701234567", NumberKind.International)]
    [InlineData("100", "100", NumberKind.Internal)]
    [InlineData("1001", "1001", NumberKind.Internal)]
    [InlineData("*72", "", NumberKind.Invalid)]
    [InlineData("", "", NumberKind.Invalid)]
    [InlineData("alice", "", NumberKind.Invalid)]
    [InlineData("+12", "", NumberKind.Invalid)]
    [InlineData("+1234567890123456", "", NumberKind.Invalid)]
    [InlineData("12345678", "", NumberKind.Invalid)]
    public void Dialled_and_received_numbers_normalise_to_E164(string input, string expected, NumberKind kind)
    {
        var number = NumberNormaliser.Normalise(input, Finland);

        number.Number.ShouldBe(expected);
        number.Kind.ShouldBe(kind);
    }

    [Fact]
    public void Without_a_national_length_a_bare_nine_digit_number_is_not_guessed_national()
    {
        var plan = Finland with { NationalNumberLength = 0 };

        NumberNormaliser.Normalise("401234567", plan).Kind.ShouldBe(NumberKind.Invalid);
        NumberNormaliser.Normalise("0401234567", plan).Number.ShouldBe("+358401234567");
    }

    [Theory]
    [InlineData(CarrierNumberFormat.E164, "+358401234567", "+358401234567")]
    [InlineData(CarrierNumberFormat.International, "+358401234567", "358401234567")]
    [InlineData(CarrierNumberFormat.National, "+358401234567", "0401234567")]
    [InlineData(CarrierNumberFormat.National, "+46701234567", "0046701234567")]
    [InlineData(CarrierNumberFormat.National, "100", "100")]
    public void E164_numbers_are_written_in_the_carriers_format(CarrierNumberFormat format, string e164, string expected) =>
        NumberNormaliser.ToCarrierFormat(e164, Finland with { CarrierFormat = format }).ShouldBe(expected);

    [Theory]
    [InlineData("+358401234567")]
    [InlineData("+46701234567")]
    public void Carrier_formats_normalise_back_to_the_same_E164(string e164)
    {
        foreach (var format in Enum.GetValues<CarrierNumberFormat>())
        {
            var plan = Finland with { CarrierFormat = format };
            NumberNormaliser.Normalise(NumberNormaliser.ToCarrierFormat(e164, plan), plan).Number.ShouldBe(e164, $"format {format}");
        }
    }
}
