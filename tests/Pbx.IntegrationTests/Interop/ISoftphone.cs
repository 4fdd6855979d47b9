namespace Pbx.IntegrationTests.Interop;

/// <summary>
/// A softphone process registered to the PBX as one extension over one transport, driven as its user would drive it and
/// auto-answering calls; each step's wait reads what the agent prints.
/// </summary>
internal interface ISoftphone : IAsyncDisposable
{
    /// <summary>Its extension number.</summary>
    string Number { get; }

    /// <summary>What it printed, for failure messages and waits.</summary>
    AgentOutput Output { get; }

    /// <summary>Calls <paramref name="number"/> through the PBX.</summary>
    Task DialAsync(string number);

    /// <summary>Waits until its <paramref name="occurrence"/>-th call has media flowing (counting from its start, with no re-INVITE in between).</summary>
    Task ConnectedAsync(int occurrence = 1);

    /// <summary>Hangs up its current call.</summary>
    Task HangUpAsync();

    /// <summary>Waits until its <paramref name="occurrence"/>-th call has ended.</summary>
    Task EndedAsync(int occurrence = 1);

    /// <summary>Presses a key during the call: an RFC 4733 telephone-event.</summary>
    Task PressAsync(char key);

    /// <summary>Waits until the key <paramref name="key"/> arrived from the other side as a telephone-event.</summary>
    Task KeyReceivedAsync(char key);

    /// <summary>Puts the call on hold (re-INVITE with a=sendonly).</summary>
    Task HoldAsync();

    /// <summary>Takes the call off hold.</summary>
    Task ResumeAsync();

    /// <summary>Blind-transfers the current call to <paramref name="number"/> (REFER, RFC 3515).</summary>
    Task TransferAsync(string number);

    /// <summary>Makes <see cref="Heard"/> of the next call a file of its own; call it before each call after the first.</summary>
    Task RecordNextCallAsync();

    /// <summary>The WAV file of what it received in its latest call (8 kHz or more, 16-bit).</summary>
    string Heard();
}
