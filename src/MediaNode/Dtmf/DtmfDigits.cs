using Pbx.Grains.Media;

namespace Pbx.MediaNode.Dtmf;

/// <summary>The sixteen DTMF keys: their RFC 4733 event codes and their frequency pairs (ITU-T Q.23).</summary>
public static class DtmfDigits
{
    /// <summary>Keys in RFC 4733 event-code order (section 3.2: 0-9, *, #, A-D are events 0-15).</summary>
    public const string All = DtmfKeys.All;

    /// <summary>Row (low group) frequencies in Hz.</summary>
    public static ReadOnlySpan<double> RowFrequencies => [697, 770, 852, 941];

    /// <summary>Column (high group) frequencies in Hz.</summary>
    public static ReadOnlySpan<double> ColumnFrequencies => [1209, 1336, 1477, 1633];

    // Keypad layout, row by row: the key at row r, column c is Keypad[r * 4 + c].
    private const string Keypad = "123A456B789C*0#D";

    /// <summary>The key for an RFC 4733 event code, or false for codes that are not DTMF (flash, tones).</summary>
    public static bool TryFromEvent(byte eventCode, out char digit)
    {
        digit = eventCode < All.Length ? All[eventCode] : '\0';
        return eventCode < All.Length;
    }

    /// <summary>The RFC 4733 event code of a key; accepts lower-case a-d.</summary>
    public static byte ToEvent(char digit)
    {
        int index = All.IndexOf(char.ToUpperInvariant(digit));
        if (index < 0)
            throw new ArgumentOutOfRangeException(nameof(digit), digit, $"Not a DTMF key; keys are {All}.");
        return (byte)index;
    }

    /// <summary>The key at a row and column of the keypad.</summary>
    public static char FromPosition(int row, int column) => Keypad[row * 4 + column];

    /// <summary>Row and column frequencies of a key.</summary>
    public static (double Row, double Column) Frequencies(char digit)
    {
        int index = Keypad.IndexOf(char.ToUpperInvariant(digit));
        if (index < 0)
            throw new ArgumentOutOfRangeException(nameof(digit), digit, $"Not a DTMF key; keys are {All}.");
        return (RowFrequencies[index / 4], ColumnFrequencies[index % 4]);
    }
}
