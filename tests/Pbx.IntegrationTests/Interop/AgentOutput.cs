using System.Diagnostics;
using System.Text;

namespace Pbx.IntegrationTests.Interop;

/// <summary>
/// What a softphone process prints, line by line, and a way to wait for a line: the tests steer by what the agent says it
/// did (call established, key received), never by sleeping.
/// </summary>
internal sealed class AgentOutput
{
    private readonly StringBuilder _text = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waiters = [];
    private readonly string _agent;

    /// <summary>Collects the standard output and error of <paramref name="process"/> (started with both redirected).</summary>
    public AgentOutput(Process process, string agent)
    {
        _agent = agent;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Everything printed so far, for failure messages.</summary>
    public string Text
    {
        get
        {
            lock (_text)
                return _text.ToString();
        }
    }

    /// <summary>
    /// Waits for the <paramref name="occurrence"/>-th line containing <paramref name="text"/> (counting lines printed before
    /// the call too); fails naming <paramref name="what"/> with the whole output after <paramref name="limit"/>.
    /// </summary>
    public async Task WaitForAsync(string text, string what, TimeSpan limit, int occurrence = 1)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = 0;
        bool Match(string line) => line.Contains(text, StringComparison.Ordinal) && ++count >= occurrence;
        lock (_text)
        {
            foreach (var line in _text.ToString().Split('\n'))
            {
                if (Match(line))
                    return;
            }
            _waiters.Add((Match, seen));
        }
        try
        {
            await seen.Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{_agent}: {what} not seen within {limit} (waiting for \"{text}\"):\n{Text}");
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_text)
        {
            _text.Append(line).Append('\n');
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (!_waiters[i].Match(line))
                    continue;
                _waiters[i].Seen.TrySetResult();
                _waiters.RemoveAt(i);
            }
        }
    }
}
