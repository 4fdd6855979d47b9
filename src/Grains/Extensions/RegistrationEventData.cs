namespace Pbx.Grains.Extensions;

/// <summary>The Data of a "registration" live event: which contact, reached how, until when.</summary>
internal sealed record RegistrationEventData(
    string Contact, string SourceAddress, int SourcePort, string Transport, string EdgeNodeId, string? UserAgent, DateTimeOffset ExpiresAt)
{
    public static RegistrationEventData From(ContactBinding binding)
        => new(binding.ContactUri, binding.SourceAddress, binding.SourcePort, binding.Transport, binding.EdgeNodeId, binding.UserAgent, binding.ExpiresAt);
}
