using System.Text;

namespace Pbx.EdgeSip.Parsing;

/// <summary>Ordered ";name[=value]" parameters of a URI or header value; names compare case-insensitively (RFC 3261 7.3.1).</summary>
public sealed class SipParameters
{
    private readonly List<KeyValuePair<string, string?>> _items = [];

    public int Count => _items.Count;

    public IEnumerable<KeyValuePair<string, string?>> Items => _items;

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>Value of <paramref name="name"/>; null when absent or given without a value.</summary>
    public string? Get(string name)
    {
        var index = IndexOf(name);
        return index < 0 ? null : _items[index].Value;
    }

    public SipParameters Set(string name, string? value)
    {
        var index = IndexOf(name);
        if (index < 0)
            _items.Add(new(name, value));
        else
            _items[index] = new(name, value);
        return this;
    }

    public void Remove(string name)
    {
        var index = IndexOf(name);
        if (index >= 0)
            _items.RemoveAt(index);
    }

    public void AppendTo(StringBuilder text)
    {
        foreach (var (name, value) in _items)
        {
            text.Append(';').Append(name);
            if (value is not null)
                text.Append('=').Append(value);
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        AppendTo(text);
        return text.ToString();
    }

    /// <summary>Reads a validated ";a=b;c" list from a header value (quoted values keep their quotes).</summary>
    internal static SipParameters FromHeader(ReadOnlySpan<byte> list)
    {
        var parameters = new SipParameters();
        var reader = new SipValueReader(list, SipParseError.InvalidParameter);
        while (reader.TryConsume((byte)';'))
        {
            reader.ReadParam(out var name, out var value);
            var quoted = value.Start.Value > 0 && list[value.Start.Value - 1] == (byte)'"';
            string? text = value.Equals(default(Range)) ? null : Encoding.UTF8.GetString(list[value]);
            parameters._items.Add(new(Encoding.UTF8.GetString(list[name]), quoted ? $"\"{text}\"" : text));
        }
        return parameters;
    }

    /// <summary>Reads URI parameters "a=b;c" (already split off the URI; no white space, escapes kept).</summary>
    internal static SipParameters FromUri(string list)
    {
        var parameters = new SipParameters();
        foreach (var part in list.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            parameters._items.Add(eq < 0 ? new(part, null) : new(part[..eq], part[(eq + 1)..]));
        }
        return parameters;
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].Key, name, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }
}
